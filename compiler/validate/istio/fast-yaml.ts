// The fast reading of an Istio YAML stream: js-yaml, which parses meshc's output about eight times faster than the
// yaml package, with the scalar types set to what documents.ts's located reading (the yaml package, YAML 1.2
// core plus go-yaml's booleans) gives: integers as bigint, other numbers as number, `yes`/`on`/`y` as booleans,
// timestamps as strings, `<<` as a plain key. Most files have no finding, and for those this reading is the whole
// cost; a file with a finding is read again with positions. test/validate/istio-yaml.test.ts holds the two
// readings to the same values.
import { FAILSAFE_SCHEMA, loadAll, Type } from "js-yaml";

const INT_DECIMAL = /^[-+]?[0-9]+$/;
const INT_OCTAL = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const TRUE = /^(?:true|True|TRUE|y|Y|yes|Yes|YES|on|On|ON)$/;
const FALSE = /^(?:false|False|FALSE|n|N|no|No|NO|off|Off|OFF)$/;

const int = new Type("tag:yaml.org,2002:int", {
  kind: "scalar",
  resolve: (s: string | null) => s !== null && (INT_DECIMAL.test(s) || INT_OCTAL.test(s) || INT_HEX.test(s)),
  construct: (s: string) => (INT_OCTAL.test(s) ? BigInt("0o" + s.slice(2)) : BigInt(s)),
});

const float = new Type("tag:yaml.org,2002:float", {
  kind: "scalar",
  resolve: (s: string | null) => s !== null && (FLOAT.test(s) || FLOAT_SPECIAL.test(s)) && !INT_DECIMAL.test(s),
  construct: (s: string) => {
    if (/nan$/i.test(s)) return NaN;
    if (/inf$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
    return Number(s);
  },
});

const bool = new Type("tag:yaml.org,2002:bool", {
  kind: "scalar",
  resolve: (s: string | null) => s !== null && (TRUE.test(s) || FALSE.test(s)),
  construct: (s: string) => TRUE.test(s),
});

const nul = new Type("tag:yaml.org,2002:null", {
  kind: "scalar",
  resolve: (s: string | null) => s === null || s === "" || s === "~" || s === "null" || s === "Null" || s === "NULL",
  construct: () => null,
});

/** Strings, sequences and maps (the failsafe schema), then the implicit scalars above. */
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [nul, bool, int, float] });

/** Every document's value, or null when js-yaml cannot read the text (the located reading then reports why). */
export function readStream(text: string): unknown[] | null {
  try {
    return loadAll(text, undefined, { schema: SCHEMA });
  } catch {
    return null;
  }
}
