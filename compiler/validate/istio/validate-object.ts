// One Istio object checked as `kubectl apply --validate=strict` of a new object would check it on a cluster
// serving Istio's CRDs (apiextensions-apiserver's customResourceStrategy.Validate): the OpenAPI schema, list
// types and CEL rules (CEL is skipped when the schema found a type or enum error, as the API server does), plus
// strict field validation's unknown fields. `status` is dropped first: every Istio version has the status
// subresource, so the API server ignores a status sent on create.
import { checkRules } from "./cel-validate";
import { istioApi } from "./crd-registry";
import { ROOT } from "./field-path";
import { type Finding, finding } from "./finding";
import { checkListTypes } from "./list-type";
import { toFinding } from "./openapi-errors";
import { validateSchema } from "./openapi-validate";
import { checkUnknownFields } from "./unknown-fields";

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function servedList(kind: string): string {
  const k = istioApi().kinds.find((x) => x.kind === kind);
  return k ? k.versions.filter((v) => v.served).map((v) => `${k.group}/${v.name}`).join(", ") : "";
}

/** Findings for an object whose integers are bigint and other numbers are number (as parsed from YAML). */
export function validateUnstructured(obj: unknown): Finding[] {
  if (!isObject(obj)) return [{ code: "MESH850", severity: "error", path: [], field: "<nil>", type: "Invalid value", message: "Object 'Kind' is missing: the document is not a Kubernetes object" }];
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    const missing = typeof apiVersion !== "string" ? "apiVersion" : "kind";
    return [finding("MESH851", [missing], missing, "Required value", undefined, "")];
  }
  const served = istioApi().lookup(apiVersion, kind);
  if (!served) {
    const others = servedList(kind);
    const detail = others ? `Istio's CRDs serve ${kind} as ${others}` : `no Istio CRD defines the kind ${kind}`;
    return [finding("MESH851", ["apiVersion"], "apiVersion", "Unsupported value", apiVersion, detail)];
  }
  const out: Finding[] = [];
  if (served.version.deprecated) out.push(finding("MESH857", ["apiVersion"], "apiVersion", "Invalid value", apiVersion, served.version.deprecationWarning ?? `${apiVersion} ${kind} is deprecated`));
  const object = served.version.subresources.includes("status") && "status" in obj ? Object.fromEntries(Object.entries(obj).filter(([k]) => k !== "status")) : obj;

  const schemaErrors = validateSchema(served.schema, object, "", []).errors;
  for (const e of schemaErrors) out.push(toFinding(e));
  checkListTypes(served.schema, object, ROOT, out);
  checkUnknownFields(served.schema, object, out);
  const blocking = schemaErrors.some((e) => e.code === "type" || e.code === "enum");
  if (!blocking) checkRules(istioApi(), served.schema, object, out);
  return out;
}

/** JSON-like input (JavaScript numbers): integral numbers are int64, as the API server decodes `80`. */
function unstructured(v: unknown): unknown {
  if (typeof v === "number") return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(unstructured);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unstructured(x)]));
  return v;
}

/** Validates one Istio object given as plain data (as a target builds it, before it is serialized). */
export function validateIstioObject(obj: unknown): Finding[] {
  return validateUnstructured(unstructured(obj));
}
