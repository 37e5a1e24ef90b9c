// The example policy loads into plain data with every service its team files declare, and loading is a
// pure function of the policy's files: two loads give byte-identical JSON.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { load } from "../../compiler/load";
import type { SerializedValue } from "../../compiler/load/serialized";

const EXAMPLE = resolve(__dirname, "../../examples/uaek");
const ENTRY = join(EXAMPLE, "mesh.ts");

/** Service names read from the team files' source text, independently of the loader. */
function declaredServices(): string[] {
  const teams = join(EXAMPLE, "teams");
  return readdirSync(teams).flatMap((file) => [...readFileSync(join(teams, file), "utf8").matchAll(/\bservice\("([^"]+)"/g)].map((m) => m[1]!));
}

/** Every `{ $kind: "service" }` in the loaded value, wherever it sits. */
function servicesIn(value: SerializedValue, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => servicesIn(v, found));
  else if (typeof value === "object" && value !== null) {
    const record = value as Record<string, SerializedValue>;
    if (record.$kind === "service") found.push(record.name as string);
    Object.values(record).forEach((v) => servicesIn(v, found));
  }
  return found;
}

test("examples/uaek loads, with every service of its team files", async () => {
  const result = await load(ENTRY);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; "));
  const expected = declaredServices();
  assert.ok(expected.length >= 9, `the team files declare services (${expected.join(", ")})`);
  assert.equal(servicesIn(result.mesh).sort(), [...expected].sort());
  assert.is(result.mesh.$kind, "mesh");
  assert.is(result.root, EXAMPLE);
  assert.equal(result.files, ["mesh.ts", "teams/edge.ts", "teams/finance.ts", "teams/shop.ts"].map((f) => join(EXAMPLE, f)));
  assert.equal([...result.sources.keys()], result.files);
  assert.is(result.sources.get(ENTRY), readFileSync(ENTRY, "utf8"));
});

test("references and team modules keep their shape: svc.x is a service-ref, `import * as shop` an object of its exports", async () => {
  const result = await load(ENTRY);
  if (!result.ok) throw new Error("the example must load");
  const json = JSON.stringify(result.mesh);
  assert.ok(json.includes('"drills":{"inventory-slow":{"target":{"$kind":"service-ref","name":"inventory"}'));
  const services = (result.mesh.spec as { services: Record<string, SerializedValue>[] }).services;
  assert.equal(Object.keys(services[1]!), ["catalog", "inventory", "orders", "pricing"], "the shop module's exports, in namespace order");
});

test("two loads of the same policy give identical JSON", async () => {
  const first = await load(ENTRY);
  const second = await load(ENTRY);
  if (!first.ok || !second.ok) throw new Error("the example must load");
  assert.is(JSON.stringify(second.mesh), JSON.stringify(first.mesh));
  assert.equal(second.files, first.files);
});

test.run();
