// Arbitrary plain data for the YAML readers' differential tests: hostile strings (pieces that YAML, the core
// schema or meshc's cutting treat specially, glued together or alone) and nested lists and maps of them, as the
// Kubernetes, kustomization and Istio fast paths read them (numbers as the writer holds them, no bigints); and
// texts edited for the readers' mutation properties.
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

/**
 * `texts` with one to three edits each: at a place, `len` (0–3) characters replaced by one of `inserts`, so
 * characters and whole lines are inserted, deleted or replaced (the readers' mutation properties).
 */
export function edited(texts: fc.Arbitrary<string>, inserts: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(texts, fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...inserts)), { minLength: 1, maxLength: 3 })).map(([text, edits]) => {
    for (const [at, len, insert] of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + insert + text.slice(i + len);
    }
    return text;
  });
}
