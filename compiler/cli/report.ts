// Prints a build's diagnostics, as text or as the documented JSON shape (docs/cli.md).
import type { BuildResult } from "../build";
import { renderPretty, summaryLine } from "../diagnostics/render-pretty";
import { toJson } from "../diagnostics/render-json";

export interface ReportOptions {
  readonly json: boolean;
  /** The one-line success summary, e.g. "uaek: 9 services, 14 workloads". */
  readonly summary: string;
}

export function report(result: BuildResult, options: ReportOptions, out: (text: string) => void, err: (text: string) => void): void {
  const sources = (file: string) => result.sources.get(file);
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  if (options.json) {
    const document = {
      ok: errors === 0,
      summary: { errors, warnings: result.diagnostics.length - errors, text: options.summary },
      diagnostics: result.diagnostics.map((d) => toJson(d, sources)),
    };
    out(JSON.stringify(document, null, 2) + "\n");
    return;
  }
  for (const d of result.diagnostics) err(renderPretty(d, sources) + "\n");
  const line = errors ? `meshc: ${summaryLine(result.diagnostics)}` : `${options.summary} (${summaryLine(result.diagnostics)})`;
  (errors ? err : out)(line + "\n");
}
