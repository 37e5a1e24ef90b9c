// The Istio CRD schemas meshc ships, derived from Istio's published crd-all.gen.yaml. `meshc build` runs on
// machines that have no copy of Istio's repository, so the schemas travel with meshc as crd-schemas.json; the whole
// CRD file (964 KB, most of it field descriptions) does not. What is kept is everything the API server validates
// with: per served version, the openAPIV3Schema without `description`, and the version's subresources and
// deprecation. Versions whose schemas are identical (v1, v1beta1 and v1alpha3 of networking.istio.io are) share one
// entry. test/validate/istio-schemas.test.ts derives this again from the anchor and fails when the committed file
// differs, so it cannot drift; `npm run golden:update` rewrites it.
import { createHash } from "node:crypto";
import { parseAllDocuments } from "yaml";
import type { StructuralSchema } from "./structural-schema";

export interface DerivedVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly deprecated?: boolean;
  readonly deprecationWarning?: string;
  readonly subresources: readonly string[];
  /** Index into `schemas`. */
  readonly schema: number;
}

export interface DerivedKind {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: string;
  readonly versions: readonly DerivedVersion[];
}

export interface DerivedSchemas {
  readonly source: { readonly repository: string; readonly path: string; readonly sha256: string; readonly license: string };
  readonly kinds: readonly DerivedKind[];
  readonly schemas: readonly StructuralSchema[];
}

const SOURCE = { repository: "istio/istio", path: "manifests/charts/base/files/crd-all.gen.yaml", license: "Apache-2.0" } as const;

/** Drops documentation; sorts keys so the output does not depend on the YAML's key order. */
function stripped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripped);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (key === "description") continue;
    out[key] = stripped((value as Record<string, unknown>)[key]);
  }
  return out;
}

interface CrdDocument {
  kind?: string;
  spec?: {
    group: string;
    scope: string;
    names: { kind: string; plural: string };
    versions: { name: string; served: boolean; storage: boolean; deprecated?: boolean; deprecationWarning?: string; subresources?: Record<string, unknown>; schema: { openAPIV3Schema: unknown } }[];
  };
}

export function deriveSchemas(crdYaml: string): DerivedSchemas {
  const schemas: StructuralSchema[] = [];
  const indexOf = new Map<string, number>();
  const kinds: DerivedKind[] = [];
  for (const doc of parseAllDocuments(crdYaml)) {
    if (doc.errors.length) throw new Error(`the CRD file does not parse: ${doc.errors[0]!.message}`);
    const crd = doc.toJS() as CrdDocument | null;
    if (!crd || crd.kind !== "CustomResourceDefinition" || !crd.spec) continue;
    const versions = crd.spec.versions.map((v): DerivedVersion => {
      const schema = stripped(v.schema.openAPIV3Schema) as StructuralSchema;
      const key = JSON.stringify(schema);
      let index = indexOf.get(key);
      if (index === undefined) {
        index = schemas.push(schema) - 1;
        indexOf.set(key, index);
      }
      return {
        name: v.name,
        served: v.served,
        storage: v.storage,
        ...(v.deprecated ? { deprecated: true } : {}),
        ...(v.deprecationWarning ? { deprecationWarning: v.deprecationWarning } : {}),
        subresources: Object.keys(v.subresources ?? {}).sort(),
        schema: index,
      };
    });
    kinds.push({ group: crd.spec.group, kind: crd.spec.names.kind, plural: crd.spec.names.plural, scope: crd.spec.scope, versions });
  }
  kinds.sort((a, b) => (a.group + "/" + a.kind < b.group + "/" + b.kind ? -1 : 1));
  const sha256 = createHash("sha256").update(crdYaml).digest("hex");
  return { source: { ...SOURCE, sha256 }, kinds, schemas };
}

/** The committed text: one line per kind and per schema, so a CRD update diffs by the schemas it touched. */
export function renderDerivedSchemas(derived: DerivedSchemas): string {
  const lines = [
    "{",
    `"source": ${JSON.stringify(derived.source)},`,
    `"kinds": [`,
    derived.kinds.map((k) => JSON.stringify(k)).join(",\n"),
    "],",
    `"schemas": [`,
    derived.schemas.map((s) => JSON.stringify(s)).join(",\n"),
    "]",
    "}",
  ];
  return lines.join("\n") + "\n";
}
