// typecheck(): what both checkers guarantee the build driver — the registry text given wins over any file on
// disk, "meshc" is this repository's DSL whatever the author's tsconfig says, strict mode, only the policy's
// own files are reported, and both report the same diagnostics in the same shape.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Checker, REGISTRY_FILE, renderRegistry, typecheck } from "../../compiler/typecheck";

const CHECKERS: readonly Checker[] = ["tsc7", "ts6"];

/** Writes a small policy into a fresh folder; returns the folder and its files (entry first). */
function policy(files: Record<string, string>): { root: string; files: string[] } {
  const root = mkdtempSync(join(tmpdir(), "meshc-typecheck-test-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, ".."), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return { root, files: Object.keys(files).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")).map((f) => join(root, f)) };
}

const SHOP = `import { service, svc } from "meshc";
export const orders = service("orders", {
  namespace: "shop", ports: { http: 8080 }, versions: ["v1", "v2"],
  routes: [{ to: { v1: 90, v2: 10 } }],
  calls: [svc.inventory],
});
export const inventory = service("inventory", { namespace: "shop", ports: { grpc: 9090 }, access: { allowFrom: [svc.orders] } });
`;
const MESH = `import { defineMesh, svc } from "meshc";
import * as shop from "./teams/shop";
export default defineMesh({ name: "m", ipFamily: "ipv6", zones: ["z1"], services: [shop],
  tests: [{ request: { to: svc.orders }, expect: { version: "v1" } }] });
`;
const CURRENT = renderRegistry([{ name: "orders", versions: ["v1", "v2"] }, { name: "inventory", versions: ["v1"] }]);

for (const checker of CHECKERS) {
  test(`${checker}: a stale meshc-env.d.ts on disk is ignored; the registry given is used`, async () => {
    const stale = renderRegistry([{ name: "orders", versions: ["v1"] }, { name: "payments", versions: ["v1"] }]);
    const p = policy({ "mesh.ts": MESH, "teams/shop.ts": SHOP, [REGISTRY_FILE]: stale, "tsconfig.json": '{ "include": ["**/*.ts"] }' });
    try {
      assert.equal(await typecheck({ ...p, registry: CURRENT, checker }), []);
      const withoutInventory = renderRegistry([{ name: "orders", versions: ["v1", "v2"] }]);
      const diagnostics = await typecheck({ ...p, registry: withoutInventory, checker });
      assert.equal(diagnostics.map((d) => d.code), ["TS2339"]);
      assert.match(diagnostics[0]!.message, "Property 'inventory' does not exist on type 'Services'");
    } finally {
      rmSync(p.root, { recursive: true, force: true });
    }
  });

  test(`${checker}: "meshc" is this repository's DSL, whatever the policy's tsconfig maps it to`, async () => {
    const p = policy({
      "mesh.ts": MESH,
      "teams/shop.ts": SHOP.replace("svc.inventory]", "svc.inventroy]"),
      "fake-meshc.ts": "export const svc: any = {}; export const service: any = 0; export const defineMesh: any = 0;",
      "tsconfig.json": JSON.stringify({ compilerOptions: { strict: false, paths: { meshc: ["./fake-meshc.ts"] } } }),
    });
    try {
      const diagnostics = await typecheck({ root: p.root, files: p.files.filter((f) => !f.endsWith("fake-meshc.ts")), registry: CURRENT, checker });
      assert.equal(diagnostics.map((d) => d.code), ["TS2551"]);
    } finally {
      rmSync(p.root, { recursive: true, force: true });
    }
  });

  test(`${checker}: strict mode, and errors in imported helper files under the root are reported too`, async () => {
    const p = policy({
      "mesh.ts": MESH.replace('import * as shop from "./teams/shop";', 'import * as shop from "./teams/shop";\nimport { pick } from "./lib/pick";\npick;'),
      "teams/shop.ts": SHOP,
      "lib/pick.ts": "export function pick(x) { return x; }\n",
    });
    try {
      const diagnostics = await typecheck({ root: p.root, files: [p.files[0]!, p.files[1]!], registry: CURRENT, checker });
      assert.equal(diagnostics.map((d) => [d.code, d.severity, d.span?.file]), [["TS7006", "error", join(p.root, "lib/pick.ts")]]);
    } finally {
      rmSync(p.root, { recursive: true, force: true });
    }
  });
}

test("both checkers report the same diagnostics: codes, flattened message chains, starts", async () => {
  const p = policy({
    "mesh.ts": MESH,
    "teams/shop.ts":
      SHOP.replace('routes: [{ to: { v1: 90, v2: 10 } }]', 'routes: [{ to: "v3" }], overload: { eject: { interval: 10 } }, timeout: "3 s"') +
      'declare const loose: { namespace: string; ports: { http: string } };\nexport const broken = service("broken", loose);\n',
  });
  try {
    const [native, js] = await Promise.all(CHECKERS.map((checker) => typecheck({ ...p, registry: CURRENT, checker })));
    assert.ok(native!.length >= 3, JSON.stringify(native));
    assert.ok(native!.some((d) => d.message.includes("\n  ")), "a message chain is kept, one level per line");
    // TypeScript 7 prints a union's members in its own stable order (`${number}h` | `${number}m` …), 6.0 in
    // declaration order, so messages are compared line by line only where no union is printed.
    const shape = (list: typeof native) =>
      list!.map((d) => ({ code: d.code, severity: d.severity, file: d.span?.file, start: d.span?.start, lines: d.message.split("\n").length }));
    assert.equal(shape(native), shape(js));
    const chain = (list: typeof native) => list!.find((d) => d.code === "TS2345")?.message;
    assert.ok(chain(native)?.includes("\n  Types of property 'ports' are incompatible.\n    Type"), chain(native));
    assert.is(chain(native), chain(js));
  } finally {
    rmSync(p.root, { recursive: true, force: true });
  }
});

test("tsc7: the temporary tsconfig folder is removed afterwards", async () => {
  const p = policy({ "mesh.ts": MESH, "teams/shop.ts": SHOP });
  const scratch = mkdtempSync(join(tmpdir(), "meshc-scratch-"));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  try {
    assert.equal(await typecheck({ ...p, registry: CURRENT, checker: "tsc7" }), []);
    assert.equal(readdirSync(scratch), []);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(scratch, { recursive: true, force: true });
    rmSync(p.root, { recursive: true, force: true });
  }
});

test("syntax errors are reported with their code and position, the same by both checkers", async () => {
  const p = policy({ "mesh.ts": MESH, "teams/shop.ts": SHOP.replace("calls: [svc.inventory],", "calls: [svc.inventory;") });
  try {
    const syntax = await Promise.all(
      CHECKERS.map(async (checker) =>
        (await typecheck({ ...p, registry: CURRENT, checker })).filter((d) => /^TS1\d{3}$/.test(d.code)).map((d) => [d.code, d.severity, d.span?.start]),
      ),
    );
    assert.ok(syntax[0]!.length > 0, "a TS1xxx diagnostic is reported");
    assert.equal(syntax[0], syntax[1]);
  } finally {
    rmSync(p.root, { recursive: true, force: true });
  }
});

test.run();
