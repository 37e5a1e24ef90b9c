/// <reference lib="dom" />
// The report page's request simulator, bundled into the page by esbuild (bundle-page.ts): the same explain()
// and explainText() `meshc explain` runs, over the model embedded in the page, so the page and the CLI cannot
// answer differently. No network, no storage: the page is one self-contained file.
import type { MeshModel } from "../../../model";
import { explain, isProblem } from "../../explain/explain";
import { explainText } from "../../explain/explain-text";
import type { SourcePlace } from "../../source-place";
import { requestOf } from "./request-form";

interface PageData {
  readonly model: MeshModel;
  /** Model path → "file:line:column". */
  readonly places: Readonly<Record<string, string>>;
}

function placeOf(text: string): SourcePlace {
  const m = /^(.*):(\d+):(\d+)$/.exec(text)!;
  return { file: m[1]!, line: Number(m[2]), column: Number(m[3]) };
}

function field(id: string): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as HTMLInputElement;
}

function run(data: PageData, places: ReadonlyMap<string, SourcePlace>): void {
  const out = document.getElementById("sim-out")!;
  const drills = [...document.querySelectorAll<HTMLInputElement>("input[name=sim-drill]:checked")].map((c) => c.value);
  const request = requestOf({
    from: field("sim-from").value,
    to: field("sim-to").value,
    headers: field("sim-headers").value,
    query: field("sim-query").value,
    path: field("sim-path").value,
    method: field("sim-method").value,
    zone: field("sim-zone").value,
    drills,
  });
  if ("error" in request) {
    out.textContent = request.error;
    out.className = "problem";
    return;
  }
  const result = explain(data.model, request);
  if (isProblem(result)) {
    out.textContent = `no ${result.problem === "unknown-zone" ? "zone" : "service"} '${result.name}' in the policy`;
    out.className = "problem";
    return;
  }
  out.textContent = explainText(result, places);
  out.className = result.calls && result.admitted ? "ok" : "blocked";
  document.getElementById("sim-lands")!.textContent = `${result.caller.name} → ${result.callee.name}: ${result.route.name} → ${result.version}`;
}

function start(): void {
  const data = JSON.parse(document.getElementById("meshc-data")!.textContent!) as PageData;
  const places = new Map(Object.entries(data.places).map(([path, text]) => [path, placeOf(text)]));
  const form = document.getElementById("sim-form") as HTMLFormElement;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(data, places);
  });
  run(data, places);
}

start();
