// What the Istio validator finds, as data: the code, the path into the object (keys and indexes, to locate the
// finding in a generated file), and the error exactly as the Kubernetes API server words it, so a finding reads
// like the `kubectl apply` error it stands for: `spec.mtls.mode: Unsupported value: "BLAH": supported values: …`.
import { goValue } from "./go-format";

/** The MESH85x codes (compiler/diagnostics/codes.ts, "85x Istio validation"). */
export type IstioCode =
  | "MESH850" // not YAML, or a document that is not an object
  | "MESH851" // apiVersion/kind that no Istio CRD serves
  | "MESH852" // OpenAPI v3 schema violation
  | "MESH853" // unknown field (strict field validation)
  | "MESH854" // x-kubernetes-list-type set/map: duplicate
  | "MESH855" // x-kubernetes-validations rule evaluated to false
  | "MESH856" // x-kubernetes-validations rule could not be evaluated (the API server rejects the object too)
  | "MESH857"; // deprecated API version (warning)

/** k8s.io/apimachinery/pkg/util/validation/field ErrorType names. */
export type ErrorType = "Required value" | "Unsupported value" | "Invalid value" | "Duplicate value" | "Too many" | "Too long" | "Forbidden";

export interface Finding {
  readonly code: IstioCode;
  readonly severity: "error" | "warning";
  /** Keys and indexes from the object's root to the offending value. */
  readonly path: readonly (string | number)[];
  /** The field as the API server prints it (`spec.ports[0].number`; `<nil>` for kube-openapi's composite errors). */
  readonly field: string;
  readonly type: ErrorType;
  /** The API server's rendering of the whole error: `<field>: <type>[: <value>][: <detail>]`. */
  readonly message: string;
  /** The CEL rule, for MESH855/856. */
  readonly rule?: string;
}

/** field.Error.Error(): Required/Forbidden/TooLong print no value; everything else prints it the Go way. */
export function kubeMessage(field: string, type: ErrorType, value: unknown, detail: string, omitValue = false): string {
  let body: string = type;
  if (type !== "Required value" && type !== "Forbidden" && type !== "Too long" && !omitValue) body += `: ${goValue(value)}`;
  if (detail) body += `: ${detail}`;
  return `${field}: ${body}`;
}

export function finding(code: IstioCode, path: readonly (string | number)[], field: string, type: ErrorType, value: unknown, detail: string, rule?: string): Finding {
  return { code, severity: code === "MESH857" ? "warning" : "error", path, field, type, message: kubeMessage(field, type, value, detail), ...(rule === undefined ? {} : { rule }) };
}
