// The policy value as the loader hands it to the normalizer: JSON, produced inside the sandbox by
// plain-data.ts. Branded DSL values (dsl/brand.ts) become objects with a "$kind" key; everything else is
// the author's plain data, key order as the author wrote it. The loader guarantees the *form* (JSON, and
// every "$kind" object has exactly the fields below); the normalizer checks the *shape* against the DSL's
// types (MESH012), because a policy can be built without a type check.

/** Any value in the serialized policy. */
export type SerializedValue = null | boolean | number | string | SerializedArray | SerializedObject | SerializedBranded;

export type SerializedArray = readonly SerializedValue[];

/** A plain object of the author's. Its keys never include "$kind" (plain-data.ts reports that key as MESH011). */
export interface SerializedObject {
  readonly [key: string]: SerializedValue;
}

/** `defineMesh(spec)`: the policy's default export. `spec` is whatever the author passed (normally an object). */
export interface SerializedMesh {
  readonly $kind: "mesh";
  readonly spec: SerializedValue;
}

/** `service(name, spec)`. */
export interface SerializedService {
  readonly $kind: "service";
  readonly name: SerializedValue;
  readonly spec: SerializedValue;
}

/** `svc.<name>`: a reference to another service, by name. */
export interface SerializedServiceRef {
  readonly $kind: "service-ref";
  readonly name: SerializedValue;
}

export type SerializedBranded = SerializedMesh | SerializedService | SerializedServiceRef;

export type SerializedKind = SerializedBranded["$kind"];
