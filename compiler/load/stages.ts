// A load's stages one by one, for what measures them apart (bench/load-split.ts); load() runs them in order.
export { BUNDLE_NAME, type PolicyLocation } from "./bundle";
export { DEFAULT_MEMORY_LIMIT_BYTES, DEFAULT_TIMEOUT_MS } from "./index";
export { quickjsInstance } from "./quickjs-module";
export { evaluate, stackBytesFor } from "./sandbox";
export { readSandboxOutput } from "./sandbox-output";
