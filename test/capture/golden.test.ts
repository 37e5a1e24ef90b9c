// Golden files: the capture artifacts of each case, byte for byte, under test/golden/capture/<case>/.
// `MESHC_UPDATE_GOLDEN=1 node test/run.mjs capture/golden` rewrites them and deletes files no case produces;
// update mode is refused when CI is set, so CI never blesses its own output. Every init.sh is a golden (it holds
// only its service's settings and rules); the runtime they share, `capture/runtime.sh`, the same text for every
// mesh, is kept once, by the case marked `runtime`.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { compileModel } from "../../compiler/api";
import type { MeshModel } from "../../compiler/model";
import { buildCapture } from "../../targets/capture";
import { type IpFamily, kernelCapture, meshModel, serviceModel } from "./model-fixture";

const update = process.env.MESHC_UPDATE_GOLDEN === "1";
if (update && process.env.CI) throw new Error("MESHC_UPDATE_GOLDEN is refused when CI is set: CI must not bless its own output");
const root = join(__dirname, "../golden/capture");
const examples = join(__dirname, "../../examples/uaek/mesh.ts");

interface Case {
  readonly name: string;
  readonly runtime: boolean;
  readonly model: () => MeshModel | Promise<MeshModel>;
}

const plain = (ipFamily: IpFamily, mode: "redirect" | "tproxy"): Case => ({
  name: `${ipFamily}-${mode}`,
  runtime: false,
  model: () => meshModel(ipFamily, [serviceModel("orders", { mode })]),
});

const cases: Case[] = [
  ...(["ipv4", "ipv6", "dual"] as const).flatMap((f) => [plain(f, "redirect"), plain(f, "tproxy")]),
  {
    name: "dual-redirect-dns-exclusions",
    runtime: true,
    model: () => meshModel("dual", [serviceModel("orders", kernelCapture("redirect"), { probes: { port: 8086, path: "/healthz" } })]),
  },
  {
    name: "dual-tproxy-dns-exclusions",
    runtime: false,
    model: () => meshModel("dual", [serviceModel("orders", kernelCapture("tproxy", "nft"), { probes: { port: 8086, path: "/healthz" } })]),
  },
  {
    // A single-family mesh with DNS capture: the conntrack zones of that family only, the other rejected.
    name: "ipv4-redirect-dns",
    runtime: false,
    model: () => meshModel("ipv4", [serviceModel("orders", { dns: true })]),
  },
  {
    name: "dual-include-lists",
    runtime: false,
    model: () =>
      meshModel("dual", [
        serviceModel("orders", {
          includeInboundPorts: [8080, 9090],
          includeOutboundCidrs: { ipv4: ["10.96.0.0/12"], ipv6: ["fd00:10:96::/112"] },
          excludeOutboundCidrs: { ipv4: ["10.96.0.10/32"], ipv6: [] },
        }),
      ]),
  },
  {
    name: "ipv6-tproxy-include-ports",
    runtime: false,
    model: () => meshModel("ipv6", [serviceModel("orders", { mode: "tproxy", includeInboundPorts: [8080], excludeOutboundPorts: [5432, 6379] })]),
  },
  {
    name: "example-uaek",
    runtime: false,
    model: async () => {
      const { model, diagnostics } = await compileModel(examples);
      assert.ok(model, `the example compiles: ${JSON.stringify(diagnostics)}`);
      return model!;
    },
  },
];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? filesUnder(join(dir, e)) : [join(dir, e)]));
}

const produced = new Set<string>();

for (const c of cases) {
  test(`golden: ${c.name}`, async () => {
    const artifacts = buildCapture(await c.model()).filter((a) => c.runtime || a.path !== "capture/runtime.sh");
    assert.ok(artifacts.length > 0);
    const dir = join(root, c.name);
    for (const a of artifacts) {
      const file = join(dir, a.path.replace(/^capture\//, ""));
      produced.add(file);
      if (update) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, a.content);
        continue;
      }
      assert.ok(existsSync(file), `missing golden ${relative(root, file)} (run with MESHC_UPDATE_GOLDEN=1)`);
      assert.fixture(a.content, readFileSync(file, "utf8"), relative(root, file));
    }
    const stale = filesUnder(dir).filter((f) => !artifacts.some((a) => join(dir, a.path.replace(/^capture\//, "")) === f));
    if (update) for (const f of stale) rmSync(f);
    else assert.equal(stale.map((f) => relative(root, f)), [], "golden files no artifact produces");
  });
}

test("golden: no folder without a case", () => {
  const known = new Set(cases.map((c) => c.name));
  const folders = existsSync(root) ? readdirSync(root) : [];
  const orphans = folders.filter((f) => !known.has(f));
  if (update) for (const f of orphans) rmSync(join(root, f), { recursive: true });
  else assert.equal(orphans, []);
});

test.run();
