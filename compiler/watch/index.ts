// The watch path: incremental rebuilds after a change (incremental-build.ts says how).
export { incrementalBuilder } from "./incremental-build";
export type { IncrementalBuilder, IncrementalResult } from "./incremental-build";
