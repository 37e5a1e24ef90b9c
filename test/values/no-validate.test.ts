// Items 8 and 9 of issue 15: out-of-range or unusable author values used to surface only as MESH802/805
// findings in generated lds.yaml files (worded as a meshc bug), and `build --no-validate` wrote them. Each is
// now a diagnostic at the author's spelling, so even a build that skips the Envoy check writes nothing.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { main } from "../../compiler/cli/main";
import { type Edit, meshSetting, policyCopy, stockSetting } from "./policy-copy";

const cases: readonly { readonly name: string; readonly code: string; readonly edits: readonly Edit[] }[] = [
  { name: "a header name with shell and YAML characters", code: "MESH113", edits: [{ file: "teams/shop.ts", from: '"x-account-id": [', to: '"x-account-id: $(reboot) #": [' }] },
  { name: "fractional weights 33.3 + 33.3 + 33.4", code: "MESH201", edits: [{ file: "teams/shop.ts", from: 'versions: ["v1", "v2"],', to: 'versions: ["v1", "v2", "v3"],' }, { file: "teams/shop.ts", from: "{ v1: 90, v2: 10 }", to: "{ v1: 33.3, v2: 33.3, v3: 33.4 }" }] },
  { name: "a 999999999999h timeout", code: "MESH013", edits: [stockSetting('timeout: "999999999999h",')] },
  { name: "samplePercent 101", code: "MESH117", edits: [meshSetting('telemetry: { tracing: { provider: "zipkin", address: "zipkin.observability:9411", samplePercent: 101 } },')] },
  { name: "a back-off of 0s", code: "MESH307", edits: [stockSetting('retries: { attempts: 2, backoff: { base: "0s", max: "0s" } },')] },
  { name: "requestsPerSecond 1e300", code: "MESH305", edits: [stockSetting("rateLimit: { requestsPerSecond: 1e300 },")] },
  { name: "a drill delay of 0s", code: "MESH507", edits: [{ file: "mesh.ts", from: 'fixed: "1s"', to: 'fixed: "0s"' }] },
  { name: "a fractional max ejection percent", code: "MESH304", edits: [stockSetting("overload: { eject: { maxPercent: 12.5 } },")] },
];

for (const c of cases) {
  test(`build --no-validate writes nothing for ${c.name}: ${c.code} at the author's spelling`, async () => {
    const entry = policyCopy(c.edits);
    const out = join(dirname(entry), "out");
    let err = "";
    const code = await main(["build", entry, "--out", out, "--no-validate", "--checker", "none"], { out: () => undefined, err: (t) => void (err += t) });
    assert.is(code, 1, err);
    assert.not.ok(existsSync(out), "nothing is written");
    const located = err.split("\n").filter((l) => /\s(error|warning) [A-Z]+\d+\s/.test(l));
    assert.ok(located.length > 0, err);
    for (const line of located) {
      assert.match(line, /^(mesh|teams\/shop)\.ts:\d+:\d+ |\/(mesh|teams\/shop)\.ts:\d+:\d+ /, line);
      assert.not.match(line, /MESH8\d\d|MESH9\d\d/, line);
    }
    assert.ok(located.some((l) => l.includes(` ${c.code} `)), err);
  });
}

test.run();
