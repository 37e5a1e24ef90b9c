// A copy of the example without the routing test that pins the orders split: the review tests shift that split,
// and with the pin in place the shifted policy would not compile (MESH214). Both sides of a diff use such a copy,
// so the removed test is no difference between them.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const PIN = /\n\s*\{ request: \{ from: svc\.gateway, to: svc\.orders, headers: \{ "x-account-id": "2001" \} \}, expect: \{ split: \{ v1: 90, v2: 10 \} \} \},/;

/** Copies examples/uaek into `dir` and removes the pin; returns the copy's entry file. */
export function unpinnedExample(dir: string): string {
  cpSync(resolve(__dirname, "../../examples/uaek"), dir, { recursive: true });
  const mesh = join(dir, "mesh.ts");
  const text = readFileSync(mesh, "utf8");
  const unpinned = text.replace(PIN, "");
  if (unpinned === text) throw new Error("the example no longer pins the orders split: update unpinned-example.ts");
  writeFileSync(mesh, unpinned);
  return mesh;
}
