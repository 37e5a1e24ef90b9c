// The example policy's mesh model, compiled once per test process through the public API.
import { resolve } from "node:path";
import { compileModel } from "../../compiler/api";
import type { MeshModel } from "../../compiler/model";

let cached: Promise<MeshModel> | undefined;

export function exampleModel(): Promise<MeshModel> {
  cached ??= compileModel(resolve(__dirname, "../../examples/uaek/mesh.ts")).then(({ model, diagnostics }) => {
    const errors = diagnostics.filter((d) => d.severity === "error");
    if (!model || errors.length) throw new Error(`the example does not compile: ${errors.map((d) => `${d.code} ${d.message}`).join("; ")}`);
    return model;
  });
  return cached;
}
