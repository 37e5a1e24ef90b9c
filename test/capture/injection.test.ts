// No author input can reach a script unescaped. Two properties, with fast-check:
// 1. Hostile values (shell metacharacters in service names, versions and CIDRs; ports out of range) are
//    rejected by the checks (MESH103 names, MESH600/601 capture), and the target refuses to build from them
//    even when the checks are skipped: a bad value never reaches an artifact.
// 2. For any valid model, every line of init.sh outside its quoted here-documents is the fixed template (the
//    same as for a reference model of the same shape), the settings are single-quoted, and every here-document
//    line is restore/nft syntax over a character set in which the shell could not see an expansion; the runtime
//    it sources (capture/runtime.sh) is the same text whatever the model.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { spawnSync } from "node:child_process";
import { captureChecks } from "../../compiler/checks/capture";
import { nameChecks } from "../../compiler/checks/names";
import type { CaptureModel, MeshModel } from "../../compiler/model";
import { parseCidr } from "../../compiler/normalize/address";
import { buildCapture, CAPTURE_RUNTIME_SCRIPT } from "../../targets/capture";
import { meshModel, serviceModel } from "./model-fixture";

const SHELL_SPECIAL = [..."$`'\"\\;|&<>(){}[]*?!#~ \n\t=%"];
const hostile = fc
  .tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...SHELL_SPECIAL, "$(reboot)", "`id`", "'; rm -rf / #", "\nMESHC_END\n", "../../etc"), fc.string({ maxLength: 12 }))
  .map(([a, b, c]) => `${a}${b}${c}`);

const errors = (mesh: MeshModel) => [...captureChecks.run(mesh), ...nameChecks.run(mesh)].filter((d) => d.severity === "error");

function refuses(mesh: MeshModel): boolean {
  try {
    buildCapture(mesh);
    return false;
  } catch {
    return true;
  }
}

test("property: hostile names, CIDRs and ports are rejected by the checks, and the target refuses them", () => {
  fc.assert(
    fc.property(
      hostile,
      fc.constantFrom("service", "version", "excludeCidr", "includeCidr", "port"),
      fc.oneof(fc.integer(), fc.double()),
      (value, where, number) => {
        let capture: Partial<CaptureModel> = {};
        let name = "orders";
        let version = "v1";
        if (where === "service") name = value;
        if (where === "version") version = value;
        if (where === "excludeCidr") capture = { excludeOutboundCidrs: { ipv4: [value], ipv6: [] } };
        if (where === "includeCidr") capture = { includeOutboundCidrs: { ipv4: [], ipv6: [value] } };
        if (where === "port") {
          if (Number.isInteger(number) && number >= 1 && number <= 65535) return;
          capture = { excludeInboundPorts: [number] };
        }
        const mesh = meshModel("dual", [serviceModel(name, capture, { versions: [version] })]);
        assert.ok(errors(mesh).length > 0, `the checks reject ${where} ${JSON.stringify(where === "port" ? number : value)}`);
        assert.ok(refuses(mesh), `the target refuses ${where} ${JSON.stringify(where === "port" ? number : value)}`);
      },
    ),
    { numRuns: 400 },
  );
});

// ── property 2 ──────────────────────────────────────────────────────────────────────────────────────────

const port = fc.integer({ min: 1, max: 65535 });
const ports = fc.uniqueArray(port, { maxLength: 4 });
const cidr = (family: "ipv4" | "ipv6") =>
  (family === "ipv4" ? fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })) : fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })))
    .map(([ip, bits]) => parseCidr(`${ip}/${bits}`)?.text)
    .filter((t): t is string => t !== undefined);
const cidrs = fc.record({ ipv4: fc.uniqueArray(cidr("ipv4"), { maxLength: 3 }), ipv6: fc.uniqueArray(cidr("ipv6"), { maxLength: 3 }) });
const capture = fc.record({
  mode: fc.constantFrom("redirect" as const, "tproxy" as const),
  backend: fc.constantFrom("detect" as const, "nft" as const),
  includeInboundPorts: fc.option(ports, { nil: null }),
  excludeInboundPorts: ports,
  excludeOutboundPorts: ports,
  excludeOutboundCidrs: cidrs,
  includeOutboundCidrs: fc.option(cidrs, { nil: null }),
  dns: fc.boolean(),
});
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);

/** init.sh without the bodies of its rules' here-documents: what the shell parses as code. */
function skeleton(script: string): { code: string[]; bodies: string[] } {
  const code: string[] = [];
  const bodies: string[] = [];
  let end: string | null = null;
  for (const line of script.split("\n")) {
    if (end !== null) {
      if (line === end) {
        end = null;
        code.push(line);
      } else bodies.push(line);
      continue;
    }
    code.push(line);
    // The rules' here-documents (MESHC_END); the usage text's is fixed template and stays in `code`.
    const m = /<<'(MESHC_END)'$/.exec(line);
    if (m) end = m[1]!;
  }
  assert.is(end, null, "every here-document is closed");
  return { code, bodies };
}

/** Restore lines and nft lines: words of letters, digits and the punctuation of addresses, ports and sets. */
const SAFE_BODY_LINE = /^[\tA-Za-z0-9 _.,:/!{}[\]=*"#;-]*$/;
const SETTING = /^MESHC_[A-Z0-9_]+='[a-z0-9 -]*'$/;

const scriptOf = (mesh: MeshModel) => buildCapture(mesh).find((a) => a.path.endsWith("/init.sh"))!.content;
const runtimeOf = (mesh: MeshModel) => buildCapture(mesh).find((a) => a.path === "capture/runtime.sh")!.content;

test("property: a valid model changes init.sh only inside quoted here-documents and quoted settings", () => {
  fc.assert(
    fc.property(fc.constantFrom("ipv4" as const, "ipv6" as const, "dual" as const), label, label, capture, fc.option(port, { nil: undefined }), (ipFamily, name, version, options, probe) => {
      const model = (c: Partial<CaptureModel>, n: string, v: string) =>
        meshModel(ipFamily, [serviceModel(n, c, { versions: [v], probes: probe === undefined ? null : { port: probe, path: "/healthz" } })]);
      const script = skeleton(scriptOf(model(options, name, version)));
      // The reference has the same shape (families, mode, DNS) but none of the random values.
      const reference = skeleton(scriptOf(model({ mode: options.mode, backend: options.backend, dns: options.dns }, "ref", "v1")));
      const settingsFree = (lines: string[]) => lines.filter((l) => !SETTING.test(l)).map((l) => l.replace(/service [a-z0-9-]+:/, "service S:"));
      assert.equal(settingsFree(script.code), settingsFree(reference.code));
      // The seven settings and the runtime it asks for are the only code lines that vary, each one single-quoted word.
      assert.is(script.code.filter((l) => SETTING.test(l)).length, 8);
      // The runtime it sources holds nothing of the model: the same text for every model.
      assert.is(runtimeOf(model(options, name, version)), CAPTURE_RUNTIME_SCRIPT);
      for (const line of script.bodies) assert.match(line, SAFE_BODY_LINE);
      for (const line of script.bodies) assert.not.match(line, /\$|`|\\|'/);
    }),
    { numRuns: 300 },
  );
});

test("generated scripts parse as POSIX sh (dash -n / sh -n)", () => {
  const shells = ["dash", "sh"].filter((s) => spawnSync("sh", ["-c", `command -v ${s}`]).status === 0);
  assert.ok(shells.length > 0);
  for (const ipFamily of ["ipv4", "ipv6", "dual"] as const) {
    for (const mode of ["redirect", "tproxy"] as const) {
      const script = scriptOf(meshModel(ipFamily, [serviceModel("orders", { mode, dns: true })]));
      for (const shell of shells) {
        for (const text of [script, CAPTURE_RUNTIME_SCRIPT]) {
          const r = spawnSync(shell, ["-n"], { input: text, encoding: "utf8" });
          assert.is(r.status, 0, `${shell} -n: ${r.stderr}`);
        }
      }
    }
  }
});

test.run();
