// The in-page request simulator's form: caller, callee, headers, query, path, method, zone and drills, with
// the values the model knows offered as choices; the bundled script answers below it.
import type { MeshModel } from "../../model";
import { html } from "./html-text";

function options(values: readonly string[], selected: string | undefined): string {
  return values.map((v) => `<option value="${html(v)}"${v === selected ? " selected" : ""}>${html(v)}</option>`).join("");
}

export function simulatorForm(mesh: MeshModel): string {
  const names = mesh.services.map((s) => s.name);
  const test = mesh.tests.find((t) => t.from !== null);
  const drills = mesh.drills.map((d) => `<label><input type="checkbox" name="sim-drill" value="${html(d.name)}"> ${html(d.name)}</label>`).join(" ");
  return `<form id="sim-form" autocomplete="off">
<label>caller <select id="sim-from">${options(names, test?.from ?? names[0])}</select></label>
<label>callee <select id="sim-to">${options(names, test?.to ?? names[1])}</select></label>
<label>zone <select id="sim-zone">${options(mesh.zones, mesh.zones[0])}</select></label>
<label>method <input id="sim-method" value="${html(test?.method ?? "GET")}" size="7"></label>
<label>path <input id="sim-path" value="${html(test?.path ?? "/")}" size="24"></label>
<label class="block"><span>headers (<code>name=value</code>, one a line)</span> <textarea id="sim-headers" rows="3" cols="48">${html((test?.headers ?? []).map((h) => `${h.name}=${h.value}`).join("\n"))}</textarea></label>
<label class="block"><span>query parameters</span> <textarea id="sim-query" rows="2" cols="48"></textarea></label>
<div class="drills">drills switched on: ${drills || "none defined"}</div>
<button id="sim-run" type="submit">explain</button>
</form>
<p id="sim-lands" class="lands"></p>
<pre id="sim-out"></pre>`;
}
