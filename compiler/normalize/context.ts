// What every normalizer function shares: the diagnostics found so far. Normalizing never throws; a value
// that cannot be read is reported with its model path and replaced by a benign default, so one build
// reports every problem at once.
import { codes, type Code } from "../diagnostics/codes";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { shown } from "../diagnostics/shown";

export class Collector {
  readonly diagnostics: Diagnostic[] = [];

  report(code: Code, path: string, message: string, hint?: string, related?: readonly { readonly path: string; readonly message: string }[]): void {
    this.diagnostics.push({ code, severity: codes[code].severity, message, path, ...(hint ? { hint } : {}), ...(related?.length ? { related } : {}) });
  }
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (isObject(value)) return "an object";
  // Author strings are shown quoted and cut short: a 100 KB value stays a one-line message.
  return `${typeof value} ${typeof value === "string" ? shown(value) : JSON.stringify(value)}`;
}
