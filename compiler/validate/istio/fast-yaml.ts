// The fast reading of an Istio YAML stream, with the scalar types set to what documents.ts's located reading (the
// yaml package, YAML 1.2 core plus go-yaml's booleans) gives: integers as bigint, other numbers as number,
// `yes`/`on`/`y` as booleans, timestamps as strings, `<<` as a plain key. Most files have no finding, and for those
// this reading is the whole cost; a file with a finding is read again with positions.
//
// First the plain block reader (plain-block-reader.ts, building values), for the subset meshc writes; anything
// outside it goes to js-yaml, which parses meshc's output about eight times faster than the yaml package and
// three times slower than the plain reader. Both type scalars with istioScalar. test/validate/istio-yaml.test.ts
// holds js-yaml's reading to the located one; istio-plain-reading.test.ts holds the plain reader's to js-yaml's.
import { FAILSAFE_SCHEMA, loadAll, Type } from "js-yaml";
import { readPlainBlockValue, type ValueTyping } from "../plain-block-reader";
import { streamDocuments } from "../yaml-core-values";

const INT_DECIMAL = /^[-+]?[0-9]+$/;
const INT_OCTAL = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const TRUE = /^(?:true|True|TRUE|y|Y|yes|Yes|YES|on|On|ON)$/;
const FALSE = /^(?:false|False|FALSE|n|N|no|No|NO|off|Off|OFF)$/;

const isNull = (s: string) => s === "" || s === "~" || s === "null" || s === "Null" || s === "NULL";
const isBool = (s: string) => TRUE.test(s) || FALSE.test(s);
const isInt = (s: string) => INT_DECIMAL.test(s) || INT_OCTAL.test(s) || INT_HEX.test(s);
const isFloat = (s: string) => (FLOAT.test(s) || FLOAT_SPECIAL.test(s)) && !INT_DECIMAL.test(s);
const toInt = (s: string) => (INT_OCTAL.test(s) ? BigInt("0o" + s.slice(2)) : BigInt(s));
function toFloat(s: string): number {
  if (/nan$/i.test(s)) return NaN;
  if (/inf$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
  return Number(s);
}

const int = new Type("tag:yaml.org,2002:int", { kind: "scalar", resolve: (s: string | null) => s !== null && isInt(s), construct: toInt });
const float = new Type("tag:yaml.org,2002:float", { kind: "scalar", resolve: (s: string | null) => s !== null && isFloat(s), construct: toFloat });
const bool = new Type("tag:yaml.org,2002:bool", { kind: "scalar", resolve: (s: string | null) => s !== null && isBool(s), construct: (s: string) => TRUE.test(s) });
const nul = new Type("tag:yaml.org,2002:null", { kind: "scalar", resolve: (s: string | null) => s === null || isNull(s), construct: () => null });

/** Strings, sequences and maps (the failsafe schema), then the implicit scalars above. */
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [nul, bool, int, float] });

/** A plain scalar's value as SCHEMA resolves it: its implicit types in their order, else the text. */
export function istioScalar(s: string): unknown {
  if (isNull(s)) return null;
  if (isBool(s)) return TRUE.test(s);
  if (isInt(s)) return toInt(s);
  if (isFloat(s)) return toFloat(s);
  return s;
}

/**
 * Scalars as istioScalar types them; a key only when it is plainly text (js-yaml would type `1` or `true` as a
 * key and then make a string of that value): meshc's keys are field names. `<<` is a plain key to SCHEMA too.
 */
const ISTIO_VALUES: ValueTyping = {
  scalar: (value, plain) => (plain ? istioScalar(value) : value),
  key: (value, plain) => (!plain || typeof istioScalar(value) === "string" ? value : undefined),
};

/** The stream's documents read by the plain block reader, or undefined when any is outside its subset. */
export function readPlainStream(text: string): unknown[] | undefined {
  const documents = streamDocuments(text);
  if (!documents) return undefined;
  const values: unknown[] = [];
  for (const d of documents) {
    const value = readPlainBlockValue(d.text, ISTIO_VALUES);
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

/** Every document's value by js-yaml, or null when it cannot read the text. */
export function readStreamWithJsYaml(text: string): unknown[] | null {
  try {
    return loadAll(text, undefined, { schema: SCHEMA });
  } catch {
    return null;
  }
}

/** Every document's value, or null when the text cannot be read (the located reading then reports why). */
export function readStream(text: string): unknown[] | null {
  return readPlainStream(text) ?? readStreamWithJsYaml(text);
}
