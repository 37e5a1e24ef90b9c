export { normalize } from "./mesh";
export type { NormalizeResult } from "./mesh";
