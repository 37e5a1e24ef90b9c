// Writes a generated mesh to disk (benchmarks, scale tests, `bench/generate/cli.ts`).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Writes every file under `dir`, creating folders as needed; returns the absolute paths written. */
export function writeMesh(dir: string, files: ReadonlyMap<string, string>): string[] {
  const written: string[] = [];
  for (const [relativePath, text] of files) {
    const path = join(dir, ...relativePath.split("/"));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    written.push(path);
  }
  return written;
}
