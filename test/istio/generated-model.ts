// A generated 50-service mesh (bench/generate), compiled once per test process through the public API.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateMesh, writeMesh } from "../../bench/generate";
import { compileModel } from "../../compiler/api";
import type { MeshModel } from "../../compiler/model";

let cached: Promise<MeshModel> | undefined;

export function generatedModel(services = 50, seed = 11): Promise<MeshModel> {
  cached ??= (async () => {
    const mesh = generateMesh({ services, seed });
    const dir = mkdtempSync(join(tmpdir(), "meshc-istio-"));
    try {
      writeMesh(dir, mesh.files);
      const { model, diagnostics } = await compileModel(join(dir, mesh.entry));
      const errors = diagnostics.filter((d) => d.severity === "error");
      if (!model || errors.length) throw new Error(`the generated mesh does not compile: ${errors.map((d) => `${d.code} ${d.message}`).join("; ")}`);
      return model;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return cached;
}
