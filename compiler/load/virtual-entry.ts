// The module esbuild bundles from: it imports the serializer first (so plain-data.ts captures the
// intrinsics before any policy code runs), then the prelude that makes the clock and Math.random refuse
// (deterministic-builtins.ts), then the policy's entry as a namespace (a missing default export
// is then `undefined`, reported as MESH008, rather than a bundling error), and stores the outcome's JSON
// text in the global the host reads.

/** The entry module's code; the paths are absolute real paths. */
export function virtualEntry(policyEntry: string, serializer: string, prelude: string): string {
  return [
    `import { publish, serializePolicy } from ${JSON.stringify(serializer)};`,
    `import ${JSON.stringify(prelude)};`,
    `import * as policy from ${JSON.stringify(policyEntry)};`,
    `publish(serializePolicy(policy.default));`,
    "",
  ].join("\n");
}
