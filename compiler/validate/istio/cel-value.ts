// An object's value as a CEL rule sees it (k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel, UnstructuredToVal):
// a schema's properties become fields under their escaped names (`x-y` → `x__dash__y`, `namespace` →
// `__namespace__`), additionalProperties become a map with the keys as written, integers are int, numbers are
// double even when written `5`, int-or-string and schemaless values keep their JSON type.
import type { StructuralSchema } from "./structural-schema";

const RESERVED = new Set(["true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while"]);

/** Kubernetes' property-name escaping for CEL; null where the name is not accessible from CEL at all. */
export function escapeProperty(name: string): string | null {
  if (name === "" || /^[0-9]/.test(name)) return null;
  if (RESERVED.has(name)) return `__${name}__`;
  let ok = true;
  const escaped = name.replace(/__|[-./]|[^a-zA-Z0-9\-./_]/g, (s) => {
    if (s === "__") return "__underscores__";
    if (s === ".") return "__dot__";
    if (s === "-") return "__dash__";
    if (s === "/") return "__slash__";
    ok = false;
    return "";
  });
  return ok ? escaped : null;
}

function untyped(value: unknown): unknown {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (Array.isArray(value)) return value.map(untyped);
  if (value !== null && typeof value === "object") {
    const out = new Map<string, unknown>();
    for (const [k, v] of Object.entries(value)) out.set(k, untyped(v));
    return out;
  }
  return value;
}

export function celValue(value: unknown, schema: StructuralSchema | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (!schema || schema["x-kubernetes-int-or-string"]) return untyped(value);
  switch (schema.type) {
    case "integer":
      return typeof value === "number" ? BigInt(Math.trunc(value)) : value;
    case "number":
      return typeof value === "bigint" ? Number(value) : value;
    case "array":
      return Array.isArray(value) ? value.map((v) => celValue(v, schema.items)) : untyped(value);
    case "object": {
      if (typeof value !== "object" || Array.isArray(value)) return untyped(value);
      const out = new Map<string, unknown>();
      const extra = typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined;
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const property = schema.properties?.[k];
        if (property) {
          const name = escapeProperty(k);
          if (name !== null) out.set(name, celValue(v, property));
        } else if (extra) out.set(k, celValue(v, extra));
        else if (!schema.properties) out.set(k, untyped(v));
      }
      return out;
    }
    default:
      return value;
  }
}
