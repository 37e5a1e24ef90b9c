// What the API server checks beyond the OpenAPI schema, for the kinds meshc writes: name syntax per kind
// (k8s.io/apimachinery/pkg/util/validation), label and annotation syntax and size, ConfigMap keys, the pod
// template's names and references, and a Deployment's selector matching its template. Each rule names the
// validation function of the API server it mirrors.
export interface RuleFinding {
  readonly code: "MESH822" | "MESH823" | "MESH824";
  /** JSON pointer into the object, as the schema findings use. */
  readonly path: string;
  readonly message: string;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;
/** TotalAnnotationSizeLimitB: keys and values of one object's annotations together. */
export const ANNOTATIONS_LIMIT = 256 * 1024;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const pointer = (...parts: (string | number)[]) => parts.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");

function dns1123Label(v: string): string | null {
  if (v.length > 63) return "must be no more than 63 characters (DNS-1123 label)";
  return DNS1123_LABEL.test(v) ? null : "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit";
}
function dns1123Subdomain(v: string): string | null {
  if (v.length > 253) return "must be no more than 253 characters (DNS-1123 subdomain)";
  return DNS1123_SUBDOMAIN.test(v) ? null : "must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'";
}
function dns1035Label(v: string): string | null {
  if (v.length > 63) return "must be no more than 63 characters (DNS-1035 label)";
  return DNS1035_LABEL.test(v) ? null : "must be a DNS-1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";
}
/** ValidateRBACName: path.IsValidPathSegmentName. */
function pathSegment(v: string): string | null {
  if (v === "." || v === "..") return `may not be '${v}'`;
  return /[/%]/.test(v) ? "may not contain '/' or '%'" : null;
}
/** IsQualifiedName: [prefix/]name, prefix a DNS-1123 subdomain, name ≤ 63 alphanumerics with -_. inside. */
export function qualifiedName(v: string): string | null {
  const parts = v.split("/");
  if (parts.length > 2) return "must be a qualified name: [prefix/]name";
  const name = parts[parts.length - 1]!;
  if (parts.length === 2 && (!parts[0] || dns1123Subdomain(parts[0]))) return "must have a DNS-1123 subdomain as prefix";
  if (name.length === 0 || name.length > 63) return "name part must be 1 to 63 characters";
  return QUALIFIED_NAME.test(name) ? null : "name part must be alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";
}
function labelValue(v: string): string | null {
  if (v.length > 63) return "must be no more than 63 characters";
  return LABEL_VALUE.test(v) ? null : "must be empty or alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";
}
/** IsValidPortName (IANA_SVC_NAME). */
function portName(v: string): string | null {
  if (v.length > 15) return "must be no more than 15 characters (IANA_SVC_NAME)";
  if (!IANA_SVC_NAME.test(v) || !/[a-z]/.test(v) || /^-|-$|--/.test(v)) return "must be lower-case letters, digits and '-', with a letter, no '-' at either end and no '--'";
  return null;
}

const NAME_RULE: Readonly<Record<string, (v: string) => string | null>> = {
  Namespace: dns1123Label,
  Service: dns1035Label,
  ServiceAccount: dns1123Subdomain,
  ConfigMap: dns1123Subdomain,
  Deployment: dns1123Subdomain,
  Role: pathSegment,
  RoleBinding: pathSegment,
};

function labels(map: unknown, at: string, out: RuleFinding[]): void {
  if (!isObject(map)) return;
  for (const [key, value] of Object.entries(map)) {
    const k = qualifiedName(key);
    if (k) out.push({ code: "MESH823", path: pointer(...at.split("/").slice(1), key), message: `label key '${key}' ${k}` });
    const v = typeof value === "string" ? labelValue(value) : "must be a string";
    if (v) out.push({ code: "MESH823", path: pointer(...at.split("/").slice(1), key), message: `label value ${JSON.stringify(value)} of '${key}' ${v}` });
  }
}

function metadata(object: Json, kind: string, out: RuleFinding[]): void {
  const meta = isObject(object.metadata) ? object.metadata : {};
  const name = typeof meta.name === "string" ? meta.name : "";
  const rule = NAME_RULE[kind] ?? dns1123Subdomain;
  const bad = name ? rule(name) : "is required";
  if (bad) out.push({ code: "MESH822", path: "/metadata/name", message: `${kind} name '${name}' ${bad}` });
  if (kind !== "Namespace") {
    const ns = typeof meta.namespace === "string" ? meta.namespace : "";
    const nsBad = ns ? dns1123Label(ns) : "is required (meshc writes only namespaced objects besides Namespaces)";
    if (nsBad) out.push({ code: "MESH822", path: "/metadata/namespace", message: `namespace '${ns}' ${nsBad}` });
  }
  labels(meta.labels, "/metadata/labels", out);
  annotations(meta.annotations, "/metadata/annotations", out);
}

function annotations(map: unknown, at: string, out: RuleFinding[]): void {
  if (!isObject(map)) return;
  let size = 0;
  for (const [key, value] of Object.entries(map)) {
    size += key.length + (typeof value === "string" ? value.length : 0);
    const k = qualifiedName(key);
    if (k) out.push({ code: "MESH824", path: pointer(...at.split("/").slice(1), key), message: `annotation key '${key}' ${k}` });
  }
  if (size > ANNOTATIONS_LIMIT) out.push({ code: "MESH824", path: at, message: `annotations total ${size} bytes, above the API server's ${ANNOTATIONS_LIMIT}` });
}

function configMap(object: Json, out: RuleFinding[]): void {
  for (const field of ["data", "binaryData"]) {
    const data = object[field];
    if (!isObject(data)) continue;
    for (const key of Object.keys(data)) {
      if (key.length > 253 || !CONFIG_MAP_KEY.test(key) || key === "." || key === "..") {
        out.push({ code: "MESH822", path: pointer(field, key), message: `ConfigMap key '${key}' must be 1 to 253 alphanumerics, '-', '_' or '.', and not '.' or '..'` });
      }
    }
  }
}

/** ValidatePodSpec's names and references: containers, volumes, mounts, ports. */
export function podSpec(spec: unknown, at: string[], out: RuleFinding[]): void {
  if (!isObject(spec)) return;
  const volumes = new Set<string>();
  list(spec.volumes).forEach((v, i) => {
    const name = isObject(v) && typeof v.name === "string" ? v.name : "";
    const bad = dns1123Label(name) ?? (volumes.has(name) ? "is used by two volumes" : null);
    if (bad) out.push({ code: "MESH822", path: pointer(...at, "volumes", i, "name"), message: `volume name '${name}' ${bad}` });
    volumes.add(name);
  });
  const containers = new Set<string>();
  for (const field of ["initContainers", "containers"]) {
    list(spec[field]).forEach((c, i) => {
      if (!isObject(c)) return;
      const name = typeof c.name === "string" ? c.name : "";
      const bad = dns1123Label(name) ?? (containers.has(name) ? "is used by two containers" : null);
      if (bad) out.push({ code: "MESH822", path: pointer(...at, field, i, "name"), message: `container name '${name}' ${bad}` });
      containers.add(name);
      if (c.restartPolicy !== undefined && field === "containers") out.push({ code: "MESH822", path: pointer(...at, field, i, "restartPolicy"), message: "restartPolicy may be set only on init containers (native sidecars)" });
      list(c.volumeMounts).forEach((m, j) => {
        const mount = isObject(m) && typeof m.name === "string" ? m.name : "";
        if (!volumes.has(mount)) out.push({ code: "MESH822", path: pointer(...at, field, i, "volumeMounts", j, "name"), message: `container '${name}' mounts volume '${mount}', which the pod does not define` });
      });
      list(c.ports).forEach((p, j) => {
        if (!isObject(p) || p.name === undefined) return;
        const bad = typeof p.name === "string" ? portName(p.name) : "must be a string";
        if (bad) out.push({ code: "MESH822", path: pointer(...at, field, i, "ports", j, "name"), message: `port name '${String(p.name)}' ${bad}` });
      });
    });
  }
}

function deployment(object: Json, out: RuleFinding[]): void {
  const spec = isObject(object.spec) ? object.spec : {};
  const template = isObject(spec.template) ? spec.template : {};
  const templateMeta = isObject(template.metadata) ? template.metadata : {};
  labels(templateMeta.labels, "/spec/template/metadata/labels", out);
  annotations(templateMeta.annotations, "/spec/template/metadata/annotations", out);
  const selector = isObject(spec.selector) && isObject(spec.selector.matchLabels) ? spec.selector.matchLabels : {};
  labels(selector, "/spec/selector/matchLabels", out);
  const podLabels = isObject(templateMeta.labels) ? templateMeta.labels : {};
  if (!Object.keys(selector).length) out.push({ code: "MESH823", path: "/spec/selector", message: "a Deployment's selector must not be empty" });
  for (const [k, v] of Object.entries(selector)) {
    if (podLabels[k] !== v) out.push({ code: "MESH823", path: pointer("spec", "selector", "matchLabels", k), message: `selector ${k}=${String(v)} does not match the pod template's labels` });
  }
  podSpec(template.spec, ["spec", "template", "spec"], out);
}

function service(object: Json, out: RuleFinding[]): void {
  const spec = isObject(object.spec) ? object.spec : {};
  labels(spec.selector, "/spec/selector", out);
  const families = list(spec.ipFamilies);
  const policy = spec.ipFamilyPolicy;
  if ((policy === "SingleStack" && families.length !== 1) || (policy === "RequireDualStack" && families.length !== 2) || new Set(families).size !== families.length) {
    out.push({ code: "MESH822", path: "/spec/ipFamilies", message: `ipFamilies ${JSON.stringify(families)} do not fit ipFamilyPolicy ${String(policy)}` });
  }
  const names = new Set<string>();
  const ports = list(spec.ports);
  ports.forEach((p, i) => {
    const name = isObject(p) && typeof p.name === "string" ? p.name : "";
    if (ports.length > 1 && !name) out.push({ code: "MESH822", path: pointer("spec", "ports", i, "name"), message: "a Service with several ports must name each" });
    else if (name && (dns1123Label(name) || names.has(name))) out.push({ code: "MESH822", path: pointer("spec", "ports", i, "name"), message: `Service port name '${name}' ${dns1123Label(name) ?? "is used twice"}` });
    names.add(name);
  });
}

/** Every API-server rule meshc knows for one object of the given kind. */
export function apiRules(object: Json, kind: string): RuleFinding[] {
  const out: RuleFinding[] = [];
  metadata(object, kind, out);
  if (kind === "ConfigMap") configMap(object, out);
  if (kind === "Deployment") deployment(object, out);
  if (kind === "Service") service(object, out);
  return out;
}
