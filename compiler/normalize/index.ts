export { normalize } from "./mesh";
export type { NormalizeResult } from "./mesh";
export { type ServiceMemo, serviceMemo } from "./service-memo";
