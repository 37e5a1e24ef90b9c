// normalize() with a service memo kept across edits (the watch path) gives exactly what normalize() without one
// gives: the same model and the same diagnostics, in order, after every kind of edit, including those a memo
// could get wrong (the mesh's defaults, a mirror whose version comes from another service, a duplicate name).
// And it does reuse: an unchanged service is the very object the previous build returned. The semantic checks,
// which remember per-service findings by that object (checks/per-service.ts), find on the reused model exactly
// what they find on a fresh one.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolve } from "node:path";
import { load } from "../../compiler/load";
import { runChecks } from "../../compiler/checks/registry";
import { normalize, serviceMemo } from "../../compiler/normalize";
import type { Json } from "../../compiler/normalize/context";

type Obj = Record<string, any>;

async function exampleSerialized(): Promise<Obj> {
  const loaded = await load(resolve(__dirname, "../../examples/uaek/mesh.ts"));
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join("; "));
  return loaded.mesh as unknown as Obj;
}

/** Every service value of the serialized mesh (in team modules or lists), by name. */
function servicesOf(mesh: Obj): Map<string, Obj> {
  const out = new Map<string, Obj>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (typeof v !== "object" || v === null) return;
    const o = v as Obj;
    if (o.$kind === "service") out.set(o.name, o);
    else if (!o.$kind) Object.values(o).forEach(visit);
  };
  visit(mesh.spec.services);
  return out;
}

const clone = (v: Obj): Obj => JSON.parse(JSON.stringify(v));

test("a memo across edits gives what a fresh normalize gives, and reuses what did not change", async () => {
  const base = await exampleSerialized();
  const memo = serviceMemo();
  const edits: [string, (m: Obj) => void][] = [
    ["unchanged", () => {}],
    ["a timeout", (m) => (servicesOf(m).get("orders")!.spec.timeout = "1500ms")],
    ["a timeout that is not a duration", (m) => (servicesOf(m).get("orders")!.spec.timeout = "2 seconds")],
    ["the same, again (its diagnostic replayed)", (m) => (servicesOf(m).get("orders")!.spec.timeout = "2 seconds")],
    ["back to the start", () => {}],
    ["the mesh's default timeout", (m) => (m.spec.defaults = { ...m.spec.defaults, timeout: "4s" })],
    ["a mirror without a version, then its target's versions reordered", (m) => {
      const orders = servicesOf(m).get("orders")!;
      orders.spec.routes = [{ to: "v1", mirror: { to: { $kind: "service-ref", name: "catalog" }, percent: 5 } }];
    }],
    ["the mirror target's first version changes", (m) => {
      const orders = servicesOf(m).get("orders")!;
      orders.spec.routes = [{ to: "v1", mirror: { to: { $kind: "service-ref", name: "catalog" }, percent: 5 } }];
      const catalog = servicesOf(m).get("catalog")!;
      catalog.spec.versions = [...catalog.spec.versions].reverse();
    }],
    ["a service removed", (m) => {
      for (const team of Object.values(m.spec.services as Obj[])) if (team && typeof team === "object") delete (team as Obj).search;
    }],
    ["a route that is shadowed, twice in a row (its check's findings remembered)", (m) => {
      const orders = servicesOf(m).get("orders")!;
      orders.spec.routes = [{ to: "v1" }, { name: "never", to: "v2" }];
    }],
    ["the same, again", (m) => {
      const orders = servicesOf(m).get("orders")!;
      orders.spec.routes = [{ to: "v1" }, { name: "never", to: "v2" }];
    }],
    ["a second, different service of one name", (m) => {
      const orders = clone(servicesOf(m).get("orders")!);
      orders.spec.namespace = "elsewhere";
      (m.spec.services as unknown[]).push(orders);
    }],
    ["back to the start", () => {}],
  ];
  let previous: ReturnType<typeof normalize> | undefined;
  let reused = 0;
  for (const [label, change] of edits) {
    const input = clone(base);
    change(input);
    const expected = normalize(clone(input) as Json);
    const got = normalize(input as Json, memo);
    assert.equal(got.model, expected.model, label);
    assert.equal(got.diagnostics, expected.diagnostics, label);
    assert.equal(runChecks(got.model), runChecks(expected.model), `${label}: checks`);
    if (previous) {
      const before = new Map(previous.model.services.map((s) => [s.name, s]));
      reused += got.model.services.filter((s) => before.get(s.name) === s).length;
    }
    previous = got;
  }
  const services = normalize(base as Json).model.services.length;
  assert.ok(reused > services * 4, `unchanged services are reused (${reused} reuses)`);
});

test.run();
