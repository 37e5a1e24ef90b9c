// Arbitrary plain data for the YAML readers' differential tests: hostile strings (pieces that YAML, the core
// schema or meshc's cutting treat specially, glued together or alone) and nested lists and maps of them, as the
// Kubernetes and kustomization fast paths read them (core-schema numbers, no bigints).
import fc from "fast-check";

export function hostileStrings(pieces: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 5 }).map((parts) => parts.join("")) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
    { weight: 2, arbitrary: fc.constantFrom(...pieces) },
  );
}

/** Nested data whose strings and keys are `strings`; lists and maps of at most `width` items. */
export function coreData(strings: fc.Arbitrary<string>, width: number): fc.Arbitrary<unknown> {
  const { data } = fc.letrec((tie) => ({
    data: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      strings,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie("data"), { maxLength: width }),
      fc.dictionary(strings, tie("data"), { maxKeys: width, noNullPrototype: true }),
    ),
  }));
  return data;
}
