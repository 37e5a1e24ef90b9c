// The quick fixes meshc knows: a misspelled service or version becomes the did-you-mean name (MESH101, MESH102,
// MESH501, …: any finding whose hint is "did you mean 'x'?"), and a refused call (MESH400) adds the caller to
// the callee's `allowFrom`, in the callee's own file.
import { CodeAction, CodeActionKind, type Diagnostic, type Position, type Range, type TextEdit } from "vscode-languageserver";
import { parsePath } from "../diagnostics/model-path";
import type { FixData } from "./lsp-diagnostics";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `svc.name`, or `svc["name"]` when the name is not an identifier: how the DSL spells a reference. */
export function reference(name: string): string {
  return IDENTIFIER.test(name) ? `svc.${name}` : `svc[${JSON.stringify(name)}]`;
}

/** The position `offset` characters into `text`, which starts at `start`. */
function advance(start: Position, text: string, offset: number): Position {
  const before = text.slice(0, offset).split("\n");
  return before.length === 1 ? { line: start.line, character: start.character + offset } : { line: start.line + before.length - 1, character: before[before.length - 1]!.length };
}

/** The name a finding is about: the last segment of its model path (`calls[="inventry"]`, `to.v9`). */
function wrongName(path: string | undefined): string | undefined {
  const last = path ? parsePath(path).pop() : undefined;
  return last === undefined ? undefined : typeof last === "object" ? last.value : typeof last === "string" ? last : undefined;
}

function renameFix(uri: string, d: Diagnostic, data: FixData, text: (range: Range) => string): CodeAction[] {
  const suggestion = /did you mean '([^']+)'\?/.exec(data.hint ?? "")?.[1];
  const wrong = wrongName(data.path);
  if (!suggestion || !wrong) return [];
  const current = text(d.range);
  const at = current.indexOf(wrong);
  if (at < 0) return [];
  // `svc.inventry` → `svc.inventory`; a suggestion that is no identifier needs the bracket form.
  const dotted = IDENTIFIER.test(wrong) && !IDENTIFIER.test(suggestion) && at === 0 && text({ start: { line: d.range.start.line, character: d.range.start.character - 1 }, end: d.range.start }) === ".";
  const edit: TextEdit = dotted
    ? { range: { start: { line: d.range.start.line, character: d.range.start.character - 1 }, end: advance(d.range.start, current, wrong.length) }, newText: `[${JSON.stringify(suggestion)}]` }
    : { range: { start: advance(d.range.start, current, at), end: advance(d.range.start, current, at + wrong.length) }, newText: suggestion };
  const action = CodeAction.create(`Change '${wrong}' to '${suggestion}'`, { changes: { [uri]: [edit] } }, CodeActionKind.QuickFix);
  action.diagnostics = [d];
  action.isPreferred = true;
  return [action];
}

function allowFromFix(d: Diagnostic, data: FixData): CodeAction[] {
  const segments = data.path ? parsePath(data.path) : [];
  const caller = segments[0] === "services" && typeof segments[1] === "string" ? segments[1] : undefined;
  const callee = wrongName(data.path);
  const related = data.related;
  if (!caller || !callee || !related) return [];
  const close = related.text.lastIndexOf("]");
  if (close < 0) return [];
  const empty = /\[\s*$/.test(related.text.slice(0, close));
  const at = advance(related.range.start, related.text, close);
  const edit: TextEdit = { range: { start: at, end: at }, newText: `${empty ? "" : ", "}${reference(caller)}` };
  const action = CodeAction.create(`Add ${reference(caller)} to the allowFrom of '${callee}'`, { changes: { [related.uri]: [edit] } }, CodeActionKind.QuickFix);
  action.diagnostics = [d];
  action.isPreferred = true;
  return [action];
}

export function quickFixes(uri: string, diagnostics: readonly Diagnostic[], text: (range: Range) => string): CodeAction[] {
  return diagnostics.flatMap((d) => {
    if (d.source !== "meshc" || !d.data) return [];
    const data = d.data as FixData;
    return d.code === "MESH400" ? allowFromFix(d, data) : renameFix(uri, d, data, text);
  });
}
