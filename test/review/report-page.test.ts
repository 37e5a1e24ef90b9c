// The report page as text: self-contained, every policy string escaped (a header value or route name that is
// markup or `</script>` stays data), and the model it embeds reads back unchanged.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../compiler/cli/main";
import type { MeshModel } from "../../compiler/model";
import { html, inlineScript, scriptJson } from "../../compiler/review/report/html-text";
import { reportPage } from "../../compiler/review/report/report-page";
import { exampleModel } from "../envoy/example-model";

const EVIL = '</script><script>alert(1)</script><img src=x onerror=alert(2)>"\'&\u2028';

function poisoned(model: MeshModel): MeshModel {
  return {
    ...model,
    services: model.services.map((s) =>
      s.name !== "orders" ? s : { ...s, routes: s.routes.map((r, i) => (i === 0 ? { ...r, name: EVIL, match: { ...r.match, headers: [{ name: "x-evil", match: { kind: "exact", values: [EVIL] } }] } } : r)) },
    ),
  };
}

test("a route name and header value that are markup stay text; the embedded model reads back as it was", async () => {
  const model = poisoned(await exampleModel());
  const page = reportPage({ model, places: { "services.orders": EVIL }, svg: "<svg></svg>", diff: null, script: "console.log('</script>')", source: EVIL });
  assert.is(page.match(/<script/g)!.length, 2, "the data block and the simulator, nothing else");
  assert.not.ok(page.includes("<img"));
  assert.not.ok(page.includes("alert(1)</script>"));
  const data = /<script type="application\/json" id="meshc-data">([^<]*)<\/script>/.exec(page)!;
  assert.equal(JSON.parse(data[1]!), { model, places: { "services.orders": EVIL } });
});

test("the escapes themselves", () => {
  assert.is(html(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  assert.is(JSON.parse(scriptJson({ a: EVIL })).a, EVIL);
  assert.not.match(scriptJson({ a: EVIL }), /[<>&\u2028]/);
  assert.is(inlineScript("a</SCRIPT>b</script >"), "a<\\/SCRIPT>b<\\/script >");
});

test("meshc report --base: the diff section carries the semantic changes and the blast radius", async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-report-page-"));
  try {
    cpSync(resolve(__dirname, "../../examples/uaek"), join(dir, "base"), { recursive: true });
    const shop = join(dir, "base/teams/shop.ts");
    writeFileSync(shop, readFileSync(shop, "utf8").replace("to: { v1: 90, v2: 10 }", "to: { v1: 50, v2: 50 }"));
    // The base's routing test pins the split it has (the example pins 90/10).
    const baseMesh = join(dir, "base/mesh.ts");
    writeFileSync(baseMesh, readFileSync(baseMesh, "utf8").replace("expect: { split: { v1: 90, v2: 10 } }", "expect: { split: { v1: 50, v2: 50 } }"));
    let err = "";
    const out = join(dir, "report.html");
    const code = await main(["report", resolve(__dirname, "../../examples/uaek/mesh.ts"), "--base", join(dir, "base/mesh.ts"), "--out", out], { out: () => undefined, err: (t) => void (err += t) });
    assert.is(code, 0, err);
    const page = readFileSync(out, "utf8");
    assert.match(page, /<h2 id="diff">Diff<\/h2>/);
    assert.match(page, /<li class="">orders: v1 50→90, v2 50→10 for every caller<\/li>/);
    assert.match(page, /3 of 39 sidecars \(workload × zone\) get new config, in 1 workload/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
