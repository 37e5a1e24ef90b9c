// What Envoy makes of one YAML scalar, exactly: Envoy reads YAML with yaml-cpp (0.8.0, pinned in its
// bazel/repository_locations.bzl) and turns the node tree into a protobuf Value before the proto3 JSON parser
// sees it (source/common/protobuf/yaml_utility.cc, parseYamlNode):
//
// - a plain scalar with no tag that yaml-cpp's IsNullString accepts ("", ~, null, Null, NULL) is a null node;
// - a scalar tagged "!" — which is how yaml-cpp tags every quoted or block scalar — is a string;
// - else YAML::convert<bool> (y/n, yes/no, true/false, on/off, all lower, all upper or Capitalised) is a bool;
// - else YAML::convert<int64_t>, which reads the text with a C++ stream whose base flags are cleared, so
//   0x1F and 0X1F are hexadecimal, a leading 0 is octal (017 = 15), and a sign may lead: an int32 becomes a
//   number, a larger int64 the string of its decimal value (0XFFFFFFFFFF → "1099511627775");
// - else YAML::convert<double> (a stream read: digits, one point, an exponent; or yaml-cpp's .inf/.nan
//   spellings, which Envoy turns into the strings "Infinity", "-Infinity", "NaN"); an overflowing double
//   fails the read;
// - else the scalar's text as a string: 0o17, 0b101, 1_000, 1:20, 2001-12-14, .5e, <<, 1e400 all stay strings.
//
// The `yaml` package, read as YAML 1.2, disagrees with this on 0o17 (15), 017 (17), 0X1F (a string),
// 1e3 (a number: the same here) and more, so the validator parses with the failsafe schema (every scalar a
// string, with its style and tag) and types each scalar here. The stream rules are libstdc++'s; libc++ also
// reads hexadecimal floats and inf/nan words, which meshc's writer quotes as well (targets/stable-yaml.ts).

export type EnvoyScalar =
  | { readonly kind: "null" }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "integer"; readonly value: bigint }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "string"; readonly value: string };

/** yaml-cpp's IsNullString. */
const NULL_WORDS = new Set(["", "~", "null", "Null", "NULL"]);

/** yaml-cpp's convert<bool> table. */
const TRUE_WORDS = new Set(["y", "yes", "true", "on"]);
const FALSE_WORDS = new Set(["n", "no", "false", "off"]);

/** yaml-cpp's IsFlexibleCase: all lower case, or a capital followed by all lower or all upper case. */
function flexibleCase(text: string): boolean {
  if (text === "" || text === text.toLowerCase()) return true;
  const first = text[0]!;
  const rest = text.slice(1);
  return first !== first.toLowerCase() && (rest === rest.toLowerCase() || rest === rest.toUpperCase());
}

/** A C++ stream's integer read with base 0 (strtoll's grammar), and nothing after it. */
const STREAM_INTEGER = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|(0[0-7]*)|([1-9][0-9]*))$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

/** A C++ stream's floating-point read (libstdc++), and nothing after it. */
const STREAM_DOUBLE = /^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;
const INFINITY_WORDS = new Set([".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]);
const NEGATIVE_INFINITY_WORDS = new Set(["-.inf", "-.Inf", "-.INF"]);
const NAN_WORDS = new Set([".nan", ".NaN", ".NAN"]);

function streamInteger(text: string): bigint | undefined {
  const m = STREAM_INTEGER.exec(text);
  if (!m) return undefined;
  const [, sign, hex, octal, decimal] = m;
  const magnitude = hex !== undefined ? BigInt(`0x${hex}`) : octal !== undefined ? (octal === "0" ? 0n : BigInt(`0o${octal.slice(1)}`)) : BigInt(decimal!);
  const value = sign === "-" ? -magnitude : magnitude;
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/**
 * The value Envoy's loader gives a scalar. `plain` is the scalar's style (false for quoted and block
 * scalars); `tag` its explicit tag, if any ("!" for `! text`).
 */
export function envoyScalar(text: string, plain: boolean, tag?: string): EnvoyScalar {
  const yamlCppTag = tag ?? (plain ? "?" : "!");
  if (yamlCppTag === "!" || surelyText(text)) return { kind: "string", value: text };
  return readScalar(text, yamlCppTag);
}

/** Every rule above, in order, for a scalar with yaml-cpp's tag `yamlCppTag` ("?" plain, "!" quoted or block). */
export function readScalar(text: string, yamlCppTag: string): EnvoyScalar {
  if (yamlCppTag === "?" && NULL_WORDS.has(text)) return { kind: "null" };
  if (yamlCppTag === "!") return { kind: "string", value: text };
  if (flexibleCase(text)) {
    const lower = text.toLowerCase();
    if (TRUE_WORDS.has(lower)) return { kind: "bool", value: true };
    if (FALSE_WORDS.has(lower)) return { kind: "bool", value: false };
  }
  const integer = streamInteger(text);
  if (integer !== undefined) {
    return integer >= INT32_MIN && integer <= INT32_MAX ? { kind: "integer", value: integer } : { kind: "string", value: integer.toString() };
  }
  if (STREAM_DOUBLE.test(text)) {
    const value = Number(text);
    if (Number.isFinite(value)) return { kind: "number", value };
  }
  if (INFINITY_WORDS.has(text)) return { kind: "string", value: "Infinity" };
  if (NEGATIVE_INFINITY_WORDS.has(text)) return { kind: "string", value: "-Infinity" };
  if (NAN_WORDS.has(text)) return { kind: "string", value: "NaN" };
  return { kind: "string", value: text };
}

/**
 * Whether no rule above but the last can apply, judged by the first character: a letter that starts none of
 * the null or bool words (y, n, t, f, o in either case), or one that does in a text longer than the longest of
 * them ("false"), or any other character that starts no number ([-+.0-9]) and is not "~". Most of a document's
 * scalars are names, and the full reading allocated for each.
 */
function surelyText(text: string): boolean {
  const c = text.charCodeAt(0) | 0x20; // a letter in lower case (NaN | 0x20 for "": 32, a space, which is not)
  const letter = c >= 97 && c <= 122;
  if (letter) return text.length > 5 || !(c === 121 || c === 110 || c === 116 || c === 102 || c === 111);
  const first = text.charCodeAt(0);
  return text.length > 0 && first !== 126 && first !== 43 && first !== 45 && first !== 46 && !(first >= 48 && first <= 57);
}

/** The key Envoy gives a map entry (`it.first.as<std::string>()`: a null key reads as "null"). */
export function envoyKey(text: string, plain: boolean, tag?: string): string {
  // Only the null words make a key other than its text (envoyScalar's first rule).
  return (tag ?? (plain ? "?" : "!")) === "?" && NULL_WORDS.has(text) ? "null" : text;
}
