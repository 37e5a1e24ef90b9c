// A hostile policy author against the CLI, in a child process with a hard time limit of its own: a regex
// that makes a backtracking engine exponential must not hang `check`, `build` or `types` (issue 15, item 2),
// and a policy that is merely expensive ends in MESH016 once the compile budget runs out, never in a hang.
// No speed is asserted: the child's timeout only turns a hang into a failure.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "../..");
const base = join(root, "test/fixtures/valid/checks-base");
const HANG_MS = 120_000;

/** 30 a's took 29 s before meshc matched in linear time; 40 took hours. This is far past both. */
const HOSTILE_VALUE = `${"a".repeat(2000)}!`;

function policy(name: string, shop: string, mesh?: string): string {
  const dir = mkdtempSync(join(tmpdir(), `meshc-${name}-`));
  cpSync(base, dir, { recursive: true });
  writeFileSync(join(dir, "teams/shop.ts"), shop);
  if (mesh) writeFileSync(join(dir, "mesh.ts"), mesh);
  return join(dir, "mesh.ts");
}

const shopFile = (routes: string) => `import { service, svc } from "meshc";
export const orders = service("orders", {
  namespace: "shop",
  ports: { http: 8080 },
  versions: ["v1", "v2"],
  routes: [${routes}],
  calls: [svc.stock],
});
export const stock = service("stock", { namespace: "shop", ports: { grpc: 9090 }, access: { allowFrom: [svc.orders] } });
`;

const meshWithTest = (value: string, expect: string) => `import { defineMesh, svc } from "meshc";
import * as shop from "./teams/shop";
export default defineMesh({
  name: "fixture",
  ipFamily: "ipv6",
  zones: ["zone-a", "zone-b"],
  services: [shop],
  tests: [{ request: { to: svc.orders, headers: { "x-id": ${value} } }, expect: { version: "${expect}" } }],
});
`;

function meshc(...argv: string[]) {
  const r = spawnSync(process.execPath, [join(root, "bin/meshc.js"), ...argv], { cwd: root, encoding: "utf8", timeout: HANG_MS, killSignal: "SIGKILL" });
  assert.is(r.signal, null, `meshc ${argv[0]} was still running after ${HANG_MS} ms (a hang)`);
  return r;
}

// The regex route comes first, so the shadowing check (MESH202) evaluates it against the exact value of the
// route after it, and the routing test evaluates it against the request.
const hostile = policy(
  "hostile",
  shopFile(`{ name: "hostile", when: { headers: { "x-id": { regex: "(a+)+$" } } }, to: "v2" },
    { name: "exact", when: { headers: { "x-id": ["${HOSTILE_VALUE}"] } }, to: "v1" },
    { name: "rest", to: "v1" }`),
  meshWithTest(`"${HOSTILE_VALUE}"`, "v1"),
);

test("check finishes on (a+)+$ over a long value, with RE2's answer (no match)", () => {
  const r = meshc("check", hostile, "--checker", "none");
  assert.is(r.status, 0, r.stdout + r.stderr);
});

test("build finishes and writes the output", () => {
  const out = join(mkdtempSync(join(tmpdir(), "meshc-hostile-out-")), "out");
  const r = meshc("build", hostile, "--checker", "none", "--out", out);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.ok(existsSync(join(out, "manifest.json")));
});

test("types finishes and writes the registry", () => {
  const r = meshc("types", hostile);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /wrote .*meshc-env\.d\.ts/);
});

test("an expensive policy past the compile budget ends in MESH016, exit 1, nothing written", () => {
  // A routing test over a 1 MB header value: linear, but far more work than a 1 ms budget allows.
  const slow = policy("slow", shopFile(`{ name: "any", when: { headers: { "x-id": { regex: "(a|b)*c" } } }, to: "v2" }, { name: "rest", to: "v1" }`), meshWithTest(`"a".repeat(1_000_000)`, "v1"));
  const out = join(mkdtempSync(join(tmpdir(), "meshc-slow-out-")), "out");
  for (const argv of [["check", slow], ["build", slow, "--out", out]]) {
    const r = meshc(...argv, "--compile-timeout", "1", "--checker", "none");
    assert.is(r.status, 1, `${argv[0]}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout + r.stderr, /MESH016/);
    assert.not.match(r.stdout + r.stderr, /MESH9\d\d|internal error/);
  }
  assert.not.ok(existsSync(out), "nothing is written");
});

test("types needs only the services: it finishes under a budget the checks cannot meet", () => {
  // 3 000 routing tests over 8 000-character values, each matched against a regex route: seconds of checks (~4 s
  // CPU here), twenty times the budget, while normalizing fits it even on a loaded machine (1 ms did not, now
  // and then). A 1 MB value no longer serves: MESH113 refuses it before any matching.
  const tests = `Array.from({ length: 3000 }, (_, i) => ({ request: { to: svc.orders, headers: { "x-id": "a".repeat(8000) + i } }, expect: { version: "v1" as const } }))`;
  const many = policy("many", shopFile(`{ name: "any", when: { headers: { "x-id": { regex: "(a|b)*c" } } }, to: "v2" }, { name: "rest", to: "v1" }`), meshWithTest("", "v1").replace(/tests: \[.*\],/, `tests: ${tests},`));
  const checked = meshc("check", many, "--compile-timeout", "200", "--checker", "none");
  assert.match(checked.stdout + checked.stderr, /MESH016/, "the checks outlast this budget");
  const typed = meshc("types", many, "--compile-timeout", "200");
  assert.is(typed.status, 0, typed.stdout + typed.stderr);
});

test.run();
