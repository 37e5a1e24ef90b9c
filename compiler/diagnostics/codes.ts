// The catalogue of meshc diagnostic codes. A released code is never renumbered or reused: users search
// for them. Families: MESH0xx load/sandbox/typecheck, 1xx references and names, 2xx routing, 3xx resilience,
// 4xx security, 5xx zones and drills, 6xx capture, 7xx network literals, 8xx Envoy validation, 9xx internal.
import type { Severity } from "./diagnostic";

export interface CodeInfo {
  readonly severity: Severity;
  /** One line: what is wrong. */
  readonly title: string;
  /** How to fix it (docs/diagnostics.md is generated from this table). */
  readonly fix: string;
}

export const codes = {
  // ── load and sandbox ──────────────────────────────────────────────────────────────────────────
  MESH001: { severity: "error", title: "syntax error in a policy file", fix: "Fix the syntax at the marked spot." },
  MESH002: { severity: "error", title: "import of a module that is not part of the policy", fix: "Policies may import only \"meshc\" and their own .ts/.js files; node built-ins and other packages are not available." },
  MESH003: { severity: "error", title: "import of a file outside the policy's root folder", fix: "Move the file under the folder of the entry file, or import it from there." },
  MESH004: { severity: "error", title: "import of a file that is not TypeScript or JavaScript source", fix: "Write the data as a .ts module that exports it." },
  MESH005: { severity: "error", title: "the policy threw while it was evaluated", fix: "Fix the code at the marked spot; a policy must evaluate to data without throwing." },
  MESH006: { severity: "error", title: "the policy did not finish evaluating within the time limit", fix: "Remove the endless loop or the expensive computation." },
  MESH007: { severity: "error", title: "the policy exceeded the memory limit while evaluating", fix: "Remove the unbounded allocation." },
  MESH008: { severity: "error", title: "the entry file does not export a mesh", fix: "Make the entry file `export default defineMesh({ ... })`." },
  MESH009: { severity: "error", title: "the policy used a host API (process, fetch, require, file system …)", fix: "A policy is data: it gets no file system, network, process or environment access. Compute the value in the policy itself." },
  MESH010: { severity: "warning", title: "meshc-env.d.ts is missing or out of date", fix: "Run `meshc types <entry.ts>` so editors see the current services and versions." },
  MESH011: { severity: "error", title: "a policy value is not plain data", fix: "Use only objects, arrays, strings, numbers, booleans and meshc values (no functions, classes, Map, Date, NaN …)." },
  // ── normalize: values that cannot be turned into the model ─────────────────────────────────────
  MESH012: { severity: "error", title: "a value has the wrong shape", fix: "Give the field the type its documentation names (hover it in the editor)." },
  MESH013: { severity: "error", title: "invalid duration", fix: "Write a duration as a number and a unit: \"250ms\", \"3s\", \"1m\", \"1h\"." },
  MESH014: { severity: "error", title: "invalid IP address or CIDR", fix: "Write an IPv4 or IPv6 address, or address/prefix-length, e.g. \"10.0.0.0/8\" or \"fd00::/8\"." },
  // ── references and names (1xx) ─────────────────────────────────────────────────────────────
  MESH100: { severity: "error", title: "two different services have the same name", fix: "Service names must be unique in the mesh: rename one of them." },
  // ── zones and drills (5xx) ──────────────────────────────────────────────────────────────────
  MESH500: { severity: "error", title: "the build names a drill the policy does not define", fix: "Pass `--drill` one of the names under the mesh's `drills`." },
  // ── Envoy validation (8xx): generated Envoy documents checked against Envoy's own protos ─────────
  MESH800: { severity: "error", title: "an Envoy document is not valid YAML or JSON", fix: "This is a bug in the Envoy target (or a hand-edited file): the document must parse as YAML." },
  MESH801: { severity: "error", title: "an Envoy document has a field its proto message does not define", fix: "Remove or rename the field (the message names the proto message and suggests the closest field); Envoy rejects unknown fields." },
  MESH802: { severity: "error", title: "an Envoy field has a value of the wrong type or out of range", fix: "Give the field the JSON type its proto type maps to (strings quoted, integers in range, durations like \"1.5s\")." },
  MESH803: { severity: "error", title: "an Envoy enum field has a value its enum does not define", fix: "Use one of the enum value names listed in the message." },
  MESH804: { severity: "error", title: "an Envoy Any (typed_config) has a missing or unknown @type", fix: "Set \"@type\" to type.googleapis.com/<message> naming a message of Envoy's API." },
  MESH805: { severity: "error", title: "an Envoy field breaks a protoc-gen-validate rule of Envoy's API", fix: "Change the value so it satisfies the rule named in brackets (e.g. uint32.lte = 65535, string.min_len = 1, message.required)." },
  MESH806: { severity: "error", title: "an Envoy message sets two members of a oneof, or one field twice", fix: "Keep only one of the fields the message names." },
  MESH807: { severity: "warning", title: "an Envoy document uses a deprecated field or enum value", fix: "Use the replacement named in Envoy's API documentation; deprecated fields are removed in later Envoy versions." },
  MESH808: { severity: "error", title: "an xDS file holds a resource of the wrong type", fix: "An lds file holds only envoy.config.listener.v3.Listener resources, a cds file only envoy.config.cluster.v3.Cluster." },
  // ── internal ─────────────────────────────────────────────────────────────────────────────────
  MESH900: { severity: "error", title: "internal error in a meshc stage", fix: "This is a bug in meshc; please report it with the policy that triggers it." },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof codes;
