// Kubernetes documents checked from the values the kubernetes target wrote them from (Artifact.documents), not
// read back from their text. At N = 1 000 the target writes ~37 MB of objects and the validation read them back
// with the plain block reader: ~0.7 s of CPU, the largest single part of the Kubernetes validation.
//
// Taking a value for its text is exact when reading the text gives the value: stable-yaml writes a document
// that YAML 1.2's core schema (the `yaml` package's parseAllDocuments + toJS, which the full path reads with, and
// readCoreDocument, which agrees with it) reads back as the same data, keys aside, whose order no finding's
// presence depends on (test/validate/kubernetes-written-documents.test.ts holds it on arbitrary data and on every
// document the example and a generated mesh write). That holds for the data `readsBackAsItself` accepts; for
// anything else (undefined fields, which the text leaves out; bigints; -0, NaN and infinities; holes), and for a
// document whose text is not the artifact's own, nothing is decided here and the text is read as before.
//
// Only a clean verdict is taken from the value: a document with a finding is read from its text by the ordinary
// path, which reports it at its line and column.
import type { WrittenDocument } from "../../../targets/target";
import { streamDocuments } from "../yaml-core-values";
import { valueFindingsNow } from "./index";
import { jsonBytesAtMost, NOWHERE, OBJECT_BUDGET } from "./object-findings";

/** Whether stable-yaml's text for `value` reads back (YAML 1.2 core schema) as `value` itself. */
export function readsBackAsItself(value: unknown, depth = 0): boolean {
  if (depth > 100) return false;
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !readsBackAsItself(value[i], depth + 1)) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) {
        if (key === "__proto__" || !readsBackAsItself((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * The documents of a file as written, each paired with its text as the reading splits the file (streamDocuments),
 * or null when they are not exactly the file's documents.
 */
export function writtenDocumentsOf(content: string, documents: readonly WrittenDocument[]): { readonly text: string; readonly value: object }[] | null {
  const split = streamDocuments(content);
  if (!split || split.length !== documents.length) return null;
  for (let i = 0; i < split.length; i++) if (split[i]!.text !== documents[i]!.text) return null;
  return documents.map((d, i) => ({ text: split[i]!.text, value: d.value }));
}

/**
 * Whether a document written from `value` as `text` is clean, as reading its text would find (documentIsClean):
 * true or false when the value decides it, undefined when the text must be read (value outside readsBackAsItself,
 * or a schema not loaded yet). False is never taken as a finding: the caller reads that text too.
 */
export function writtenDocumentIsClean(value: object, text: string): boolean | undefined {
  if (!readsBackAsItself(value)) return undefined;
  // A List's items are each smaller than the document.
  const found = valueFindingsNow(value, NOWHERE, "", jsonBytesAtMost(text.length) <= OBJECT_BUDGET);
  return found === undefined ? undefined : found.length === 0;
}
