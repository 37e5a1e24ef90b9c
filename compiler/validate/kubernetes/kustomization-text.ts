// A zone's kustomization.yaml read entry by entry (issue 19). The text names every ConfigMap of its zone (~2 000
// configMapGenerator entries, 1.2 MB at 1 000 services), and a one-service rebuild (`meshc build --watch`)
// changes a few entries: reading the whole text again was ~40 ms a zone and rebuild. So the entries of the
// top-level `configMapGenerator` sequence are cut out of the text, each read on its own and kept by its text, and
// the rest (the text with the sequence replaced by `[]`) is read as a document.
//
// Cut only where the plain block layout makes an entry's value its own document: the sequence's lines are its
// key's line, then lines indented by two, each entry starting `  - ` and continuing with four spaces; an entry is
// those lines less their first four characters. A line that fits neither, or any other layout, and the whole text
// is read as before. test/validate/kustomization-text.test.ts holds the result to the full parser's, on every
// kustomization meshc writes, on arbitrary entries, and on those texts mutated character by character.
import { readCoreDocument } from "../yaml-core-values";
import { isObject } from "./config-map-generator";

const KEY = "configMapGenerator";
const HEAD = `${KEY}:\n`;
/** Entries by their text, read; more than this and it starts afresh (a long watch session must not keep every old one). */
const MEMO_MAX = 100_000;
let entries = new Map<string, unknown>();

/**
 * The sequence's entries as they stand in the text (their lines, indentation included), and the text with the
 * sequence replaced by `[]`; undefined: not that layout. Entries are kept by this text, so an unchanged entry costs
 * one slice and one lookup; it is made a document (entryDocument) only when it is new.
 */
export function cutEntries(text: string): { readonly rest: string; readonly entries: readonly string[] } | undefined {
  const start = text.startsWith(HEAD) ? 0 : text.indexOf(`\n${HEAD}`) + 1;
  if (start === 0 && !text.startsWith(HEAD)) return undefined;
  const cut: string[] = [];
  let entry = -1;
  let pos = start + HEAD.length;
  while (pos < text.length) {
    const end = text.indexOf("\n", pos);
    if (end < 0) return undefined;
    if (!text.startsWith("  ", pos)) break;
    if (text.startsWith("  - ", pos)) {
      if (entry >= 0) cut.push(text.slice(entry, pos));
      entry = pos;
    } else if (!(text.startsWith("    ", pos) && entry >= 0)) return undefined;
    pos = end + 1;
  }
  if (entry < 0) return undefined;
  cut.push(text.slice(entry, pos));
  return { rest: `${text.slice(0, start)}${KEY}: []\n${text.slice(pos)}`, entries: cut };
}

/** An entry's lines less their first four characters (`  - `, then four spaces): its value as its own document. */
export function entryDocument(entry: string): string {
  return entry.slice(4).replace(/\n {4}/g, "\n");
}

function entryValue(entry: string): unknown {
  let value = entries.get(entry);
  if (value === undefined) {
    value = readCoreDocument(entryDocument(entry));
    if (value === undefined) return undefined;
    if (entries.size >= MEMO_MAX) entries = new Map();
    entries.set(entry, value);
  }
  return value;
}

function byEntries(text: string): unknown {
  const cut = cutEntries(text);
  if (!cut) return undefined;
  const rest = readCoreDocument(cut.rest);
  if (!isObject(rest) || !Array.isArray(rest[KEY]) || (rest[KEY] as unknown[]).length !== 0) return undefined;
  const values: unknown[] = [];
  for (const e of cut.entries) {
    const value = entryValue(e);
    if (value === undefined) return undefined;
    values.push(value);
  }
  rest[KEY] = values;
  return rest;
}

/**
 * The kustomization's value as readCoreDocument gives it (undefined: outside the plain subset). Entries read
 * before are the same objects again: the value is read, never changed.
 */
export function readKustomizationText(text: string): unknown {
  return byEntries(text) ?? readCoreDocument(text);
}
