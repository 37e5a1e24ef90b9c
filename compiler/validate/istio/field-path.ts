// The two ways the API server spells a path. kube-openapi's schema validator names a value `spec.ports[0].name`
// and a map entry `spec.portLevelMtls.80`; field.Path (list-type, CEL and pruning errors) writes the map entry as
// `spec.portLevelMtls[80]`. Each finding keeps the raw segments as well, to locate it in the document.
export type Segment = string | number;

/** kube-openapi's SchemaValidator path (`root` is "" at the object's root). */
export function openapiChild(parent: string, key: Segment): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

export interface FieldPath {
  readonly segments: readonly Segment[];
  readonly text: string;
}

export const ROOT: FieldPath = { segments: [], text: "" };

export function child(p: FieldPath, name: string): FieldPath {
  return { segments: [...p.segments, name], text: p.text ? `${p.text}.${name}` : name };
}

export function index(p: FieldPath, i: number): FieldPath {
  return { segments: [...p.segments, i], text: `${p.text}[${i}]` };
}

export function key(p: FieldPath, k: string): FieldPath {
  return { segments: [...p.segments, k], text: `${p.text}[${k}]` };
}
