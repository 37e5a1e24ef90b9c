// A scratch copy of the fixtures' base policy (test/fixtures/valid/checks-base) with text replaced, for tests
// that need one changed value built end to end.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const BASE = resolve(__dirname, "../fixtures/valid/checks-base");

export interface Edit {
  readonly file: "mesh.ts" | "teams/shop.ts";
  readonly from: string;
  readonly to: string;
}

/** Copies the base policy into a fresh folder, applies the edits (each must apply), returns the entry's path. */
export function policyCopy(edits: readonly Edit[]): string {
  const dir = mkdtempSync(join(tmpdir(), "meshc-values-"));
  cpSync(BASE, dir, { recursive: true });
  for (const e of edits) {
    const path = join(dir, e.file);
    const text = readFileSync(path, "utf8");
    if (!text.includes(e.from)) throw new Error(`edit does not apply: ${e.from}`);
    writeFileSync(path, text.replace(e.from, e.to));
  }
  return join(dir, "mesh.ts");
}

/** Adds a line of mesh settings after `services: [shop],`. */
export function meshSetting(line: string): Edit {
  return { file: "mesh.ts", from: "  services: [shop],\n", to: `  services: [shop],\n  ${line}\n` };
}

/** Adds a line to the `stock` service's spec. */
export function stockSetting(line: string): Edit {
  return { file: "teams/shop.ts", from: "  access: { allowFrom: [svc.orders] },\n", to: `  access: { allowFrom: [svc.orders] },\n  ${line}\n` };
}
