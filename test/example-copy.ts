// Copies of the example for tests that edit it. The example's routing tests pin its splits and calls, so a test
// that shifts a split or drops a call leaves out the routing tests its edit would break (MESH214, MESH212);
// when both sides of a diff use such a copy, the removed tests are no difference between them.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The routing test that pins the orders split (gateway → orders, x-account-id 2001). */
export const ORDERS_SPLIT_TEST = /expect: \{ split: \{ v1: 90, v2: 10 \} \}/;

/** Copies examples/uaek into `dir` without the routing-test lines of mesh.ts that `drop` matches; returns the entry. */
export function exampleWithout(dir: string, drop: RegExp): string {
  cpSync(resolve(__dirname, "../examples/uaek"), dir, { recursive: true });
  const mesh = join(dir, "mesh.ts");
  const lines = readFileSync(mesh, "utf8").split("\n");
  const kept = lines.filter((line) => !(line.includes("{ request:") && drop.test(line)));
  if (kept.length === lines.length) throw new Error(`no routing test of the example matches ${drop}: update the test's copy`);
  writeFileSync(mesh, kept.join("\n"));
  return mesh;
}

/** The example without the pinned orders split (the review tests shift it). */
export const unpinnedExample = (dir: string): string => exampleWithout(dir, ORDERS_SPLIT_TEST);
