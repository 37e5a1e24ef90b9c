// What the Envoy validator finds, as data. Each finding names the field path inside the document, the rule
// that failed (a proto3 JSON mapping rule or a protoc-gen-validate rule) and where it is in the text.
import type { Located } from "./json-tree";

/** The MESH8xx codes (compiler/diagnostics/codes.ts, "8xx Envoy validation"). */
export type EnvoyCode =
  | "MESH800" // not YAML/JSON
  | "MESH801" // unknown field
  | "MESH802" // wrong JSON type or out-of-range scalar
  | "MESH803" // bad enum value
  | "MESH804" // Any: missing or unresolvable @type
  | "MESH805" // protoc-gen-validate rule violated
  | "MESH806" // a oneof set twice, or one field given twice
  | "MESH807" // deprecated field or enum value (warning)
  | "MESH808" // xDS resource of the wrong type for its file
  | "MESH810" // a YAML anchor or alias (refused: meshc never writes them; alias bombs)
  | "MESH811" // an empty document
  | "MESH207"; // a safe_regex RE2 or Envoy's program-size limit refuses

export interface Issue {
  readonly code: EnvoyCode;
  readonly severity: "error" | "warning";
  /** Field path inside the document as written, e.g. `resources[0].address.socket_address.port_value`. */
  readonly path: string;
  /** The rule that failed, e.g. `proto: unknown field`, `validate.rules uint32.lte = 65535`. */
  readonly rule: string;
  readonly message: string;
  readonly at: Located;
}

/** Collects issues while a document is walked. */
export class IssueList {
  readonly items: Issue[] = [];

  error(code: EnvoyCode, path: string, rule: string, message: string, at: Located): void {
    this.items.push({ code, severity: "error", path, rule, message, at });
  }

  warning(code: EnvoyCode, path: string, rule: string, message: string, at: Located): void {
    this.items.push({ code, severity: "warning", path, rule, message, at });
  }
}
