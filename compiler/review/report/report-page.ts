// `meshc report`: one self-contained HTML file (no network: a Content-Security-Policy forbids every fetch) with
// the service graph, each service's routes and resilience settings, the access matrix, the diff against a base
// when one is given, and the request simulator (the bundled explain code over the embedded model).
import type { MeshModel } from "../../model";
import type { MeshDiff } from "../diff/semantic-diff";
import { accessMatrix } from "./access-matrix";
import { diffSection } from "./diff-section";
import { html, inlineScript, scriptJson } from "./html-text";
import { serviceSections } from "./service-sections";
import { simulatorForm } from "./simulator-form";

export interface ReportInput {
  readonly model: MeshModel;
  /** Model path → "file:line:column", for the routes and settings the page points at. */
  readonly places: Readonly<Record<string, string>>;
  /** The service graph, laid out (graph/svg.ts). */
  readonly svg: string;
  readonly diff: MeshDiff | null;
  /** The bundled simulator (bundle-page.ts). */
  readonly script: string;
  /** What the report was made from, for its title line. */
  readonly source: string;
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 2rem 4rem; color: #1d2733; max-width: 1400px; }
h1 { font-size: 1.5rem; margin: 1.2rem 0 .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #d5dde6; }
h3 small, h1 small { font-weight: normal; color: #5b6b7c; }
table { border-collapse: collapse; margin: .4rem 0 1rem; } td, th { border: 1px solid #d5dde6; padding: .2rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f0f4f8; } .settings th { background: #f7f9fb; width: 7rem; }
.graph svg { max-width: 100%; height: auto; }
.matrix td { text-align: center; min-width: 3.2rem; } .matrix .rot { height: 7rem; white-space: nowrap; vertical-align: bottom; }
.matrix .rot span { display: inline-block; transform: rotate(-60deg); width: 1.4rem; }
.calls { background: #dbeafe; } .refused { background: #fde2e2; color: #a40000; } .may { background: #eef1f4; color: #56606b; }
.changes .risky { color: #a40000; font-weight: 600; }
form { display: flex; flex-wrap: wrap; gap: .6rem 1.2rem; align-items: end; background: #f7f9fb; padding: .8rem; border: 1px solid #d5dde6; }
form .block { display: flex; flex-direction: column; } .drills { flex-basis: 100%; }
button { font-size: 1rem; padding: .3rem 1.2rem; }
pre { background: #0f1720; color: #e6edf3; padding: .8rem 1rem; overflow-x: auto; } pre.blocked { border-left: 6px solid #d08a00; } pre.problem { border-left: 6px solid #c00000; }
.lands { font-weight: 600; font-size: 1.05rem; }
`;

export function reportPage(input: ReportInput): string {
  const m = input.model;
  const data = scriptJson({ model: m, places: input.places });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>meshc report: ${html(m.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>mesh ${html(m.name)} <small>${m.services.length} services · ${m.zones.length} zones (${html(m.zones.join(", "))}) · ${html(m.ipFamily)} · outbound ${html(m.outbound)} · from <code>${html(input.source)}</code></small></h1>
<nav><a href="#simulator">request simulator</a> · <a href="#graph">graph</a> · ${input.diff ? '<a href="#diff">diff</a> · ' : ""}<a href="#access">access matrix</a> · <a href="#services">services</a></nav>
<h2 id="simulator">Where does a request land?</h2>
${simulatorForm(m)}
${input.diff ? `<h2 id="diff">Diff</h2>\n${diffSection(input.diff)}` : ""}
<h2 id="graph">Service graph</h2>
<div class="graph">${input.svg.replace(/^<\?xml[^>]*>\s*<!DOCTYPE[^>]*>\s*/, "")}</div>
<h2 id="access">Access matrix</h2>
${accessMatrix(m)}
<h2 id="services">Services</h2>
${serviceSections(m.services, input.places)}
<script type="application/json" id="meshc-data">${data}</script>
<script>${inlineScript(input.script)}</script>
</body>
</html>
`;
}
