// The simulator form's fields into the request `explain` takes, with the CLI's rules: `name=value` or
// `name: value`, one a line; header names lower-cased (the model keeps them so), query names as written.
import type { ExplainRequest } from "../../explain/explain";

export interface FormValues {
  readonly from: string;
  readonly to: string;
  readonly headers: string;
  readonly query: string;
  readonly path: string;
  readonly method: string;
  readonly zone: string;
  readonly drills: readonly string[];
}

export function pairs(text: string, lowerCase: boolean): Record<string, string> | { readonly error: string } {
  const out: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const at = [line.indexOf("="), line.indexOf(":")].filter((i) => i > 0).sort((a, b) => a - b)[0];
    if (at === undefined) return { error: `'${line}' is not name=value` };
    const name = line.slice(0, at).trim();
    out[lowerCase ? name.toLowerCase() : name] = line.slice(at + 1).trim();
  }
  return out;
}

export function requestOf(v: FormValues): ExplainRequest | { readonly error: string } {
  const headers = pairs(v.headers, true);
  if ("error" in headers) return { error: `headers: ${headers.error}` };
  const query = pairs(v.query, false);
  if ("error" in query) return { error: `query: ${query.error}` };
  return { from: v.from, to: v.to, headers, query, path: v.path || "/", method: (v.method || "GET").toUpperCase(), zone: v.zone || null, drills: [...v.drills] };
}
