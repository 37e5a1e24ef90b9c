// Turns esbuild's error messages into diagnostics. esbuild gives a 1-based line and a 0-based column and
// length counted in UTF-8 bytes (see its Location type); diagnostics store UTF-16 offsets into the text the
// plugin read, so the byte counts are converted with the line's own text.
import { resolve } from "node:path";
import type { Location, Message } from "esbuild";
import { codes, type Code } from "../diagnostics/codes";
import type { Diagnostic, Span } from "../diagnostics/diagnostic";
import { offsetOf } from "../diagnostics/position";
import type { LoadedSources, RejectionDetail } from "./resolve-policy-imports";

function utf16Length(lineText: string, fromByte: number, toByte: number): number {
  return Buffer.from(lineText, "utf8").subarray(fromByte, toByte).toString("utf8").length;
}

function spanOf(location: Location | null, root: string, sources: LoadedSources): Span | undefined {
  // The plugin puts files in esbuild's "file" namespace, which its messages report as "file" or "".
  if (location === null || (location.namespace !== "file" && location.namespace !== "")) return undefined;
  const file = resolve(root, location.file);
  const text = sources.get(file);
  if (text === undefined) return undefined;
  const column = utf16Length(location.lineText, 0, location.column);
  const length = utf16Length(location.lineText, location.column, location.column + location.length);
  return { file, start: offsetOf(text, location.line, column + 1), length };
}

function codeOf(message: Message): Code {
  const detail = message.detail as Partial<RejectionDetail> | undefined;
  if (typeof detail?.meshCode === "string" && detail.meshCode in codes) return detail.meshCode as Code;
  // An exception inside the plugin (a file that cannot be read) is not the author's syntax.
  return message.pluginName ? "MESH900" : "MESH001";
}

/** A diagnostic for one esbuild error; without a location in an author file it points at the entry's start. */
export function diagnosticOfMessage(message: Message, policy: { readonly root: string; readonly entry: string }, sources: LoadedSources): Diagnostic & { readonly span: Span } {
  const code = codeOf(message);
  const span = spanOf(message.location, policy.root, sources) ?? { file: policy.entry, start: 0, length: 0 };
  return { code, severity: codes[code].severity, message: message.text, span };
}
