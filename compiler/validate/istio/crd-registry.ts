// The served Istio API versions and their schemas, from crd-schemas.json (derive-schemas.ts says where it comes
// from). Loaded and checked once per process: every keyword and format must be one the validator implements, so a
// CRD update that needs more fails loudly instead of validating less. A node's CEL rules are compiled the first time
// an object reaches that node (parsing is the slow part: a build that writes 7 kinds pays for their rules only);
// `compileAllRules` compiles every one, and the tests call it, so each of the CRDs' rules is known to compile.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compileRule, type CompiledRule } from "./cel-rules";
import type { DerivedKind, DerivedSchemas, DerivedVersion } from "./derive-schemas";
import { KNOWN_FORMATS } from "./formats";
import { KNOWN_KEYWORDS, type StructuralSchema, type ValidationRule } from "./structural-schema";

export interface ServedVersion {
  readonly kind: DerivedKind;
  readonly version: DerivedVersion;
  readonly schema: StructuralSchema;
}

export interface IstioApi {
  /** By `group/version` and kind. */
  readonly lookup: (apiVersion: string, kind: string) => ServedVersion | undefined;
  readonly kinds: readonly DerivedKind[];
  /** The compiled rules of a schema node (empty for most nodes). */
  readonly rulesOf: (s: StructuralSchema) => readonly CompiledRule[];
  /** Rules in the distinct schemas (versions sharing a schema share its rules). */
  readonly ruleCount: number;
  /** Compiles every rule now; returns how many were compiled. */
  readonly compileAllRules: () => number;
  readonly loadMs: number;
}

function check(s: StructuralSchema, where: string, rules: Map<StructuralSchema, readonly ValidationRule[]>): void {
  for (const k of Object.keys(s)) if (!KNOWN_KEYWORDS.has(k)) throw new Error(`Istio CRD schema at ${where} uses '${k}', which the validator does not implement`);
  if (s.format && !KNOWN_FORMATS.has(s.format)) throw new Error(`Istio CRD schema at ${where} uses format '${s.format}', which the validator does not implement`);
  if (s["x-kubernetes-validations"]?.length) rules.set(s, s["x-kubernetes-validations"]);
  for (const [k, p] of Object.entries(s.properties ?? {})) check(p, `${where}.${k}`, rules);
  if (s.items) check(s.items, `${where}[]`, rules);
  if (typeof s.additionalProperties === "object") check(s.additionalProperties, `${where}{}`, rules);
  // Value validations (oneOf …) may not carry rules in a structural schema; checking their keywords is enough.
  for (const sub of [...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? []), ...(s.not ? [s.not] : [])]) check(sub, `${where}|`, new Map());
}

let api: IstioApi | null = null;

export function istioApi(): IstioApi {
  if (api) return api;
  const t0 = performance.now();
  // Read, not imported: a 101 KB JSON import would make every type check infer its literal type.
  const data = JSON.parse(readFileSync(join(__dirname, "crd-schemas.json"), "utf8")) as DerivedSchemas;
  const rules = new Map<StructuralSchema, readonly ValidationRule[]>();
  data.schemas.forEach((s, i) => check(s, `schemas[${i}]`, rules));
  const compiled = new Map<StructuralSchema, readonly CompiledRule[]>();
  const rulesOf = (s: StructuralSchema): readonly CompiledRule[] => {
    let list = compiled.get(s);
    if (!list) {
      list = (rules.get(s) ?? []).map(compileRule);
      compiled.set(s, list);
    }
    return list;
  };
  const byKey = new Map<string, ServedVersion>();
  for (const kind of data.kinds) {
    for (const version of kind.versions) {
      if (version.served) byKey.set(`${kind.group}/${version.name}/${kind.kind}`, { kind, version, schema: data.schemas[version.schema]! });
    }
  }
  let ruleCount = 0;
  for (const list of rules.values()) ruleCount += list.length;
  api = {
    lookup: (apiVersion, kind) => byKey.get(`${apiVersion}/${kind}`),
    kinds: data.kinds,
    rulesOf,
    ruleCount,
    compileAllRules: () => [...rules.keys()].reduce((n, s) => n + rulesOf(s).length, 0),
    loadMs: performance.now() - t0,
  };
  return api;
}
