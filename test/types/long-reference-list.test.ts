// A hub that 1 500 services may call: its `allowFrom` literal holds 1 500 references. Typed as a plain
// `readonly ServiceRef[]`, TypeScript reduced the literal's element types pairwise and failed with a false
// TS2590 ("expression produces a union type that is too complex to represent"); `ServiceRefs` avoids it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderRegistry, typecheck } from "../../compiler/typecheck";

const CALLERS = 1500;
const dir = mkdtempSync(join(tmpdir(), "meshc-long-list-"));
const names = Array.from({ length: CALLERS }, (_, i) => `caller-${String(i).padStart(4, "0")}`);
const entry = join(dir, "mesh.ts");
writeFileSync(
  entry,
  [
    'import { defineMesh, service, svc } from "meshc";',
    "export const hub = service(\"hub\", {",
    '  namespace: "core",',
    "  ports: { http: 8080 },",
    `  access: { allowFrom: [${names.map((n) => `svc[${JSON.stringify(n)}]`).join(", ")}] },`,
    "});",
    'export default defineMesh({ name: "big", ipFamily: "ipv6", zones: ["z1"], services: [hub] });',
    "",
  ].join("\n"),
);
const registry = renderRegistry([{ name: "hub", versions: ["v1"] }, ...names.map((name) => ({ name, versions: ["v1"] }))]);

for (const checker of ["tsc7", "ts6"] as const) {
  test(`${checker}: an allowFrom of ${CALLERS} references type-checks clean (no TS2590)`, async () => {
    const diagnostics = await typecheck({ root: dir, files: [entry], registry, checker });
    assert.equal(diagnostics.map((d) => `${d.code} ${d.message.slice(0, 120)}`), []);
  });
}

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
