// `meshc validate <file|dir>`: checks Envoy documents on disk (a build's output, or hand-written configs)
// against Envoy's protos. A file's kind comes from its name (bootstrap/lds/cds/rds/eds .yaml), or --kind.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { asOutputError } from "../emit/output-error";
import { renderPretty, summaryLine } from "../diagnostics/render-pretty";
import { toJson } from "../diagnostics/render-json";
import { type EnvoyDocumentKind, envoyKindOf, validateEnvoy } from "../validate/envoy";

function yamlFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? yamlFiles(join(path, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(path, e.name)] : []));
}

export interface ValidateResult {
  readonly checked: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, string>;
}

/** A file the OS will not let us read is the operator's problem (MESH021, exit 2), not an internal error. */
function readable<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw asOutputError(error, path, "read");
  }
}

export function validatePath(path: string, kind?: EnvoyDocumentKind): ValidateResult {
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  let checked = 0;
  for (const file of readable(path, () => yamlFiles(path))) {
    const fileKind = kind ?? envoyKindOf(file);
    if (!fileKind) continue;
    const text = readable(file, () => readFileSync(file, "utf8"));
    sources.set(file, text);
    diagnostics.push(...validateEnvoy(fileKind, file, text));
    checked++;
  }
  return { checked, diagnostics, sources };
}

export function printValidation(result: ValidateResult, json: boolean, out: (t: string) => void, err: (t: string) => void): number {
  const lookup = (file: string) => result.sources.get(file);
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  if (json) {
    out(JSON.stringify({ ok: errors === 0, checked: result.checked, diagnostics: result.diagnostics.map((d) => toJson(d, lookup)) }, null, 2) + "\n");
  } else {
    for (const d of result.diagnostics) err(renderPretty({ ...d, message: d.message.replace(`${d.span?.file ?? ""}: `, "") }, lookup) + "\n");
    const line = `${result.checked} Envoy documents checked (${summaryLine(result.diagnostics)})\n`;
    (errors ? err : out)(line);
  }
  return errors ? 1 : 0;
}

