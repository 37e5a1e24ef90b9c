// The CEL functions Istio's rules call that @bufbuild/cel does not give the way Kubernetes does. Kubernetes'
// environment is cel-go's standard library plus extension libraries (k8s.io/apiserver/pkg/cel/library); of those,
// Istio's 398 rules use only the URL library (`url`, `isURL`, `getScheme`) and the strings extension's `substring`
// (which @bufbuild/cel/ext provides). `int(string)` and `duration(string)` are cel-go's own conversions: Go's
// strconv.ParseInt and time.ParseDuration, stricter than JavaScript's BigInt("0x1f") or " 80 ", so they are
// redefined here with cel-go's error text.
import { celError, celFunc, celMethod, CelScalar, mapType, objectType } from "@bufbuild/cel";
import { create } from "@bufbuild/protobuf";
import { DurationSchema } from "@bufbuild/protobuf/wkt";
import { parseGoDuration } from "./go-duration";
import { parseRequestUri, parseUrl } from "./go-url";

const DURATION = objectType(DurationSchema);
const INT64 = /^[+-]?[0-9]+$/;
const [MIN_INT, MAX_INT] = [-(1n << 63n), (1n << 63n) - 1n];

/** The brand of a URL value: Kubernetes' URL is an opaque type; here it is a map only these functions read. */
const URL_KEY = "\u0000k8s.url.scheme";
const URL_TYPE = mapType(CelScalar.STRING, CelScalar.STRING);

function intOfString(s: string): bigint {
  if (INT64.test(s)) {
    const n = BigInt(s);
    if (n >= MIN_INT && n <= MAX_INT) return n;
  }
  throw celError("type conversion error from 'string' to 'int'");
}

function durationOfString(s: string) {
  const ns = parseGoDuration(s);
  if (ns === null) throw celError("type conversion error from 'string' to 'google.protobuf.Duration'");
  return create(DurationSchema, { seconds: ns / 1_000_000_000n, nanos: Number(ns % 1_000_000_000n) });
}

function urlOfString(s: string): Map<string, string> {
  const request = parseRequestUri(s);
  if (!request.ok) throw celError(`URL parse error during conversion from string: ${request.error}`);
  const parsed = parseUrl(s);
  if (!parsed.ok) throw celError(`URL parse error during conversion from string: ${parsed.error}`);
  return new Map([[URL_KEY, parsed.url.scheme]]);
}

function schemeOf(this: { get(k: string): unknown }): string {
  const scheme = this.get(URL_KEY);
  if (typeof scheme !== "string") throw celError("no such overload");
  return scheme;
}

export const kubernetesFunctions = [
  celFunc("int", [CelScalar.STRING], CelScalar.INT, intOfString),
  celFunc("duration", [CelScalar.STRING], DURATION, durationOfString),
  celFunc("isURL", [CelScalar.STRING], CelScalar.BOOL, (s) => parseRequestUri(s).ok),
  celFunc("url", [CelScalar.STRING], URL_TYPE, urlOfString),
  celMethod("getScheme", URL_TYPE, [], CelScalar.STRING, schemeOf),
];

/** Every function a rule may call: the standard library that @bufbuild/cel implements, `substring`, and the above. */
export const SUPPORTED_CALLS: ReadonlySet<string> = new Set([
  // operators and macros as the parser names them
  "_&&_", "_||_", "!_", "-_", "_?_:_", "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_", "_+_", "_-_", "_*_", "_/_", "_%_",
  "_[_]", "@in", "@not_strictly_false", "size", "contains", "startsWith", "endsWith", "matches", "int", "uint", "double",
  "string", "bool", "duration", "timestamp", "type", "dyn",
  "substring", "isURL", "url", "getScheme",
]);
