// String formats, as kube-openapi's strfmt registry validates them. Istio's CRDs use `date-time` (status
// conditions) and `byte`; `int32` and `double` appear on numbers, where the API server does not check them. A schema
// naming another string format is refused when it is loaded (crd-registry.ts), so nothing is silently skipped.
import type { Segment } from "./field-path";
import { messages, type OpenapiError } from "./openapi-errors";

/** strfmt.IsDateTime: an RFC 3339 date, 't'/'T', hh:mm:ss with optional fraction, and 'z' or ±hh:mm. */
function isDateTime(s: string): boolean {
  if (s.length < 4) return false;
  const parts = s.toLowerCase().split("t");
  if (parts.length < 2 || !isDate(parts[0]!)) return false;
  const m = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(([.][0-9]+)?)(z|([+-][0-9]{2}:[0-9]{2}))$/.exec(parts[1]!);
  return !!m && m[1]! <= "23" && m[2]! <= "59" && m[3]! <= "59";
}

/** time.Parse("2006-01-02", s). */
function isDate(s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

/** base64.StdEncoding.DecodeString succeeds. */
function isBase64(s: string): boolean {
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s) && !/=[^=]/.test(s);
}

const STRING_FORMATS: Readonly<Record<string, (s: string) => boolean>> = {
  "date-time": isDateTime,
  byte: isBase64,
};

/** Formats the loader accepts: the string ones above and the numeric ones the API server leaves unchecked. */
export const KNOWN_FORMATS: ReadonlySet<string> = new Set([...Object.keys(STRING_FORMATS), "int32", "int64", "uint32", "uint64", "double", "float"]);

export function checkFormat(format: string, value: string, name: string, segs: readonly Segment[], out: OpenapiError[]): void {
  const valid = STRING_FORMATS[format];
  if (valid && !valid(value)) out.push({ code: "type", name, segments: segs, value, message: messages.type(name, format, value) });
}
