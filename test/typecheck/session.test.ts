// A type-check session (compiler/typecheck/session.ts) re-checks incrementally; what it reports must be what a
// fresh full check reports, after every kind of edit: a type error made and mended in a team file, an edit that
// changes no type, a removed service (a changed registry), a new team file, a deleted one, an error in the entry.
// Each step is checked twice, by the session and by a full check of the same files, and the two must agree.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateMesh, writeMesh } from "../../bench/generate";
import { REGISTRY_FILE, renderRegistry, typecheck, typecheckSession } from "../../compiler/typecheck";

const mesh = generateMesh({ services: 60, teams: 4, seed: 7 });
const dir = mkdtempSync(join(tmpdir(), "meshc-session-"));
writeMesh(dir, mesh.files);
const entry = join(dir, mesh.entry);
const teamsDir = join(dir, "teams");
const team = (name: string) => join(teamsDir, `${name}.ts`);
const teamNames = readdirSync(teamsDir).map((f) => f.replace(/\.ts$/, "")).sort();

let registry = mesh.files.get(REGISTRY_FILE)!;
const files = () => [entry, ...readdirSync(teamsDir).sort().map((f) => join(teamsDir, f))];
const edit = (file: string, from: RegExp | string, to: string) => {
  const before = readFileSync(file, "utf8");
  const after = before.replace(from, to);
  assert.not.equal(after, before, `the edit of ${file} changed nothing`);
  writeFileSync(file, after);
};
const shown = (ds: readonly { code: string; span?: { file: string; start: number } }[]) => ds.map((d) => `${d.code} ${d.span?.file.slice(dir.length) ?? ""}:${d.span?.start ?? ""}`);

const [first, second] = teamNames as [string, string];
const callee = /svc\.([a-z][a-z0-9]*)\b/.exec(readFileSync(team(first), "utf8"))![1]!;
const firstText = readFileSync(team(first), "utf8");

const steps: readonly [string, () => void, "clean" | "errors"][] = [
  ["as generated", () => {}, "clean"],
  ["a reference to a service that does not exist", () => edit(team(first), `svc.${callee}`, `svc.${callee}zz`), "errors"],
  ["mended", () => writeFileSync(team(first), firstText), "clean"],
  ["a timeout that is not a duration", () => edit(team(second), /timeout: "(\d+)ms"/, "timeout: $1"), "errors"],
  ["a canary weight changed (no type changes)", () => edit(team(first), /to: \{ v1: (\d+), v2: (\d+) \}/, "to: { v1: $2, v2: $1 }"), "errors"],
  ["the timeout mended", () => edit(team(second), /timeout: (\d+)([,\n])/, 'timeout: "$1ms"$2'), "clean"],
  ["a service left out of the registry", () => (registry = renderRegistry(mesh.services.filter((s) => s.name !== callee).map((s) => ({ name: s.name, versions: s.versions })))), "errors"],
  ["the registry restored", () => (registry = mesh.files.get(REGISTRY_FILE)!), "clean"],
  ["a new team file with an error", () => writeFileSync(team("zz"), `import { service, svc } from "meshc";\nexport const late = service("late", { namespace: "zz", ports: { http: 80 }, calls: [svc.nobody] });\n`), "errors"],
  ["the new file deleted", () => unlinkSync(team("zz")), "clean"],
  ["an error in the entry", () => edit(entry, 'ipFamily: "ipv6"', 'ipFamily: "ipv5"'), "errors"],
];

test("a session reports exactly what a full check reports, edit after edit", async () => {
  const session = typecheckSession();
  try {
    for (const [what, change, expected] of steps) {
      change();
      const input = { root: dir, files: files(), registry, checker: "tsc7" as const };
      const incremental = await typecheck({ ...input, session });
      const full = await typecheck(input);
      assert.equal(shown(incremental), shown(full), what);
      assert.equal(incremental.length === 0 ? "clean" : "errors", expected, `${what}: ${shown(full).slice(0, 3).join(", ")}`);
    }
    assert.ok(readdirSync(session.folder()).some((f) => f.endsWith(".tsbuildinfo")), "the session keeps TypeScript's build info");
  } finally {
    session.close();
  }
});

test("checks of one session run one at a time, and each sees its own files", async () => {
  const session = typecheckSession();
  try {
    writeFileSync(entry, readFileSync(entry, "utf8").replace('ipFamily: "ipv5"', 'ipFamily: "ipv6"'));
    const clean = { root: dir, files: files(), registry, checker: "tsc7" as const, session };
    const withoutCallee = { ...clean, registry: renderRegistry(mesh.services.filter((s) => s.name !== callee).map((s) => ({ name: s.name, versions: s.versions }))) };
    const [a, b, c] = await Promise.all([typecheck(clean), typecheck(withoutCallee), typecheck(clean)]);
    assert.equal(shown(a), []);
    assert.ok(b.length > 0, "the check without the callee in the registry finds its references");
    assert.equal(shown(c), []);
  } finally {
    session.close();
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
