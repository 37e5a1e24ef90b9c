// The synthetic mesh generator: re-exports only.
export { ENTRY_FILE, generateMesh } from "./generate-mesh";
export type { GeneratedMesh, GenerateOptions } from "./generate-mesh";
export type { GeneratedService } from "./topology";
export { writeMesh } from "./write-mesh";
