// meshc's command line. Exit status: 0 success (warnings allowed), 1 the policy has errors, 2 usage or
// environment error. Bad input always gets a diagnostic, never a stack trace.
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { BuildOptions, BuildResult, Checker } from "../build";
import { OutputError } from "../emit/output-error";
import { replaceOwnFile } from "../emit/own-file";
import { renderPretty } from "../diagnostics/render-pretty";
import type { LoadOptions } from "../load";
import { workloads } from "../model";
import { REGISTRY_FILE, REGISTRY_HEADER } from "../typecheck/registry";
import type { EnvoyDocumentKind } from "../validate/envoy";
import { DEFAULT_ISTIO_API, ISTIO_APIS, type IstioApi } from "../../targets/target";
import type { CommandContext } from "./command-context";
import { deliveryBuildOptions, type DeliveryFlags, deliveryOptions } from "./delivery-options";
import { addDiffCommand } from "./diff-command";
import { addExplainCommand } from "./explain-command";
import { addGraphCommand } from "./graph-command";
import { addLspCommand } from "./lsp-command";
import { addReportCommand } from "./report-command";
import { report } from "./report";
import { defaultCacheDir } from "../validate/clean-cache";
import { stopSignal } from "./stop-signal";

// The commands' actions require what they run when they run (a `require` typed as its module: under tsx's
// CommonJS hook an `import()` would go to Node's ESM loader, which cannot read .ts): the compiler, its targets and
// validators, the xDS server and the language server are ~780 modules, and `meshc --help` or `meshc lsp` loads
// only its own share.

export const EXIT_OK = 0;
export const EXIT_POLICY = 1;
export const EXIT_USAGE = 2;

class UsageError extends Error {}

function entryPath(entry: string): string {
  const full = resolve(entry);
  if (!existsSync(full) || !statSync(full).isFile()) throw new UsageError(`entry file not found: ${entry}`);
  return full;
}

/** `build --watch` until Ctrl-C or SIGTERM (stop-signal.ts): every build reports like a one-shot build, with what it rewrote. */
async function watchUntilInterrupted(options: BuildOptions, out: string, json: boolean, io: { out: (t: string) => void; err: (t: string) => void }): Promise<number> {
  const stop = new AbortController();
  void stopSignal().received.then(() => stop.abort());
  const { watchBuild } = require("./watch-command") as typeof import("./watch-command");
  await watchBuild({
    build: options,
    out,
    signal: stop.signal,
    onBuild: (result, wrote) => {
      const files = wrote ? ` → ${out} (${result.changed.length} changed, ${result.removed.length} removed)` : " (output kept)";
      report(result, { json, summary: summary(result) + files }, io.out, io.err);
    },
    onError: (error) => io.err(error instanceof OutputError ? renderPretty(error.diagnostic, () => undefined) : `meshc: could not write ${out}: ${error instanceof Error ? error.message : String(error)}\n`),
  });
  return EXIT_OK;
}

function loadOptions(opts: { timeout?: number }): LoadOptions {
  return opts.timeout ? { timeoutMs: opts.timeout } : {};
}

function summary(result: BuildResult): string {
  const m = result.model;
  if (!m) return "meshc";
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  return `${m.name}: ${count(m.services.length, "service")}, ${count(workloads(m).length, "workload")}, ${count(m.zones.length, "zone")}, ${count(m.tests.length, "routing test")}`;
}

const timeoutOption = () => new Option("--timeout <ms>", "time limit for evaluating the policy in its sandbox").argParser((v) => {
  const ms = Number(v);
  if (!Number.isInteger(ms) || ms <= 0) throw new InvalidArgumentError("a positive whole number of milliseconds");
  return ms;
});

const budgetOption = () => new Option("--compile-timeout <ms>", "time budget for normalizing, checking, generating and validating (the type check is apart)").argParser((v) => {
  const ms = Number(v);
  if (!Number.isInteger(ms) || ms <= 0) throw new InvalidArgumentError("a positive whole number of milliseconds");
  return ms;
});
const istioApiOption = () =>
  new Option("--istio-api <version>", "the Istio API version of the istio/ objects (what the cluster serves)").choices([...ISTIO_APIS]).default(DEFAULT_ISTIO_API);

const checkerOption = () =>
  new Option("--checker <checker>", "TypeScript checker: tsc7 (native), ts6 (ts-morph) or none").choices(["tsc7", "ts6", "none"]).default("tsc7");

export async function main(argv: readonly string[], io = { out: (t: string) => void process.stdout.write(t), err: (t: string) => void process.stderr.write(t) }): Promise<number> {
  let status = EXIT_OK;
  const program = new Command("meshc")
    .description("Compile typed service-mesh policy into capture rules, Envoy configs and Kubernetes/Istio manifests.")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();

  program
    .command("check")
    .description("Type-check and semantically check a policy; write nothing.")
    .argument("<entry>", "the policy's entry file (e.g. examples/uaek/mesh.ts)")
    .option("--json", "print diagnostics as JSON", false)
    .addOption(checkerOption())
    .addOption(timeoutOption())
    .addOption(budgetOption())
    .addOption(istioApiOption())
    .action(async (entry: string, opts: { json: boolean; checker: Checker; timeout?: number; compileTimeout?: number; istioApi: IstioApi }) => {
      const { build } = require("../build") as typeof import("../build");
      const result = await build({ entry: entryPath(entry), checker: opts.checker, emit: false, load: loadOptions(opts), budgetMs: opts.compileTimeout, istioApi: opts.istioApi });
      report(result, { json: opts.json, summary: summary(result) }, io.out, io.err);
      status = result.diagnostics.some((d) => d.severity === "error") ? EXIT_POLICY : EXIT_OK;
    });

  const buildCommand = program
    .command("build")
    .description("Check a policy and write every artifact, atomically, into --out.")
    .argument("<entry>", "the policy's entry file")
    .requiredOption("--out <dir>", "output folder (replaced as a whole on success, untouched on failure)")
    .option("--drill <name...>", "switch on these fault-injection drills", [])
    .option("--json", "print diagnostics as JSON", false)
    .option("--no-validate", "skip checking the generated Envoy documents against Envoy's protos and Istio objects against Istio's CRDs")
    .option("--no-validation-cache", "validate every document again, not only those no earlier build found clean ($XDG_CACHE_HOME/meshc)")
    .addOption(checkerOption())
    .addOption(timeoutOption())
    .addOption(budgetOption())
    .option("--watch", "keep running: rebuild what a change affects and replace only the files that changed")
    .addOption(istioApiOption());
  for (const option of deliveryOptions()) buildCommand.addOption(option);
  buildCommand
    .action(async (entry: string, opts: DeliveryFlags & { out: string; drill: string[]; json: boolean; checker: Checker; validate: boolean; validationCache: boolean; timeout?: number; compileTimeout?: number; watch?: boolean; istioApi: IstioApi }) => {
      const delivery = deliveryBuildOptions(opts, entry);
      if ("usage" in delivery) throw new UsageError(delivery.usage);
      const validationCache = opts.validationCache ? defaultCacheDir() : undefined;
      const options = { entry: entryPath(entry), checker: opts.checker, drills: opts.drill, validate: opts.validate, load: loadOptions(opts), budgetMs: opts.compileTimeout, istioApi: opts.istioApi, ...delivery, ...(validationCache ? { validationCache } : {}) };
      // Refuse a wrong --out before the build spends its time, and again when writing (it may change meanwhile).
      const protect = { protect: [dirname(options.entry)] };
      if (opts.watch) {
        const { prepareOutput } = require("../emit/atomic-write") as typeof import("../emit/atomic-write");
        prepareOutput(opts.out, protect);
        status = await watchUntilInterrupted(options, opts.out, opts.json, io);
        return;
      }
      // The artifacts are written into a staging folder while the build validates them (staged-write.ts).
      const { StagedWrite } = require("../emit/staged-write") as typeof import("../emit/staged-write");
      const staged = StagedWrite.open(opts.out, protect);
      const { build } = require("../build") as typeof import("../build");
      let result: Awaited<ReturnType<typeof build>>;
      try {
        result = await build({ ...options, stage: (artifacts) => staged.stage(artifacts), startHelperEarly: true });
      } catch (error) {
        await staged.abort();
        throw error;
      }
      if (result.artifacts) await staged.commit(result.artifacts);
      else await staged.abort();
      const wrote = result.artifacts ? ` → ${opts.out} (${result.artifacts.length} files)` : "";
      report(result, { json: opts.json, summary: summary(result) + wrote }, io.out, io.err);
      status = result.artifacts ? EXIT_OK : EXIT_POLICY;
    });

  program
    .command("serve")
    .description("Serve one zone's sidecars their config over xDS (ADS), pushing each policy change to the sidecars it affects.")
    .argument("<entry>", "the policy's entry file")
    .requiredOption("--zone <zone>", "the zone this server serves (one server per zone)")
    .option("--listen <address>", "address to listen on", "[::]:15010")
    .option("--tls-dir <dir>", "cert-chain.pem, key.pem and root-cert.pem: require client certificates and check each node's SPIFFE ID")
    .option("--endpoints <file>", "JSON map of headless Service host → addresses, followed on change (default: ask DNS)")
    .option("--drill <name...>", "switch on these fault-injection drills", [])
    .option("--json", "print diagnostics as JSON", false)
    .option("--no-validate", "skip checking served resources against Envoy's protos")
    .addOption(checkerOption())
    .action(async (entry: string, opts: { zone: string; listen: string; tlsDir?: string; endpoints?: string; drill: string[]; json: boolean; validate: boolean; checker: Checker }) => {
      const { serveCommand } = require("./serve-command") as typeof import("./serve-command");
      status = await serveCommand({ entry: entryPath(entry), zone: opts.zone, listen: opts.listen, checker: opts.checker, drills: opts.drill, tlsDir: opts.tlsDir, endpoints: opts.endpoints, validate: opts.validate, json: opts.json, summary }, io);
    });

  program
    .command("inject")
    .description("Add meshc's sidecar (capture init container, proxy, volumes, the zone's config) to existing Deployments; print the result.")
    .argument("<deployment>", "a YAML file of Deployments, or a List of them")
    .requiredOption("--policy <entry>", "the policy's entry file")
    .option("--zone <zone>", "the zone the Deployments run in (default: their topology.kubernetes.io/zone node selector)")
    .option("--json", "print diagnostics as JSON", false)
    .addOption(checkerOption().default("none"))
    .action(async (file: string, opts: { policy: string; zone?: string; json: boolean; checker: Checker }) => {
      if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`file not found: ${file}`);
      const { injectFile } = require("./inject-command") as typeof import("./inject-command");
      const outcome = await injectFile({ file: resolve(file), entry: entryPath(opts.policy), zone: opts.zone, checker: opts.checker });
      const ok = outcome.text !== null;
      if (ok) io.out(outcome.text!);
      // Diagnostics and the summary go to stderr: stdout is the injected YAML, for a pipe into kubectl.
      report(outcome.result, { json: opts.json, summary: `${summary(outcome.result)}; ${outcome.injected} Deployment${outcome.injected === 1 ? "" : "s"} injected` }, io.err, io.err);
      status = ok ? EXIT_OK : EXIT_POLICY;
    });

  program
    .command("types")
    .description(`Write ${REGISTRY_FILE} next to the entry so editors check service references.`)
    .argument("<entry>", "the policy's entry file")
    .addOption(budgetOption())
    .action(async (entry: string, opts: { compileTimeout?: number }) => {
      const full = entryPath(entry);
      const { build } = require("../build") as typeof import("../build");
      const result = await build({ entry: full, checker: "none", emit: false, budgetMs: opts.compileTimeout });
      if (!result.registry) {
        report(result, { json: false, summary: summary(result) }, io.out, io.err);
        status = EXIT_POLICY;
        return;
      }
      const file = join(dirname(full), REGISTRY_FILE);
      replaceOwnFile(file, result.registry, REGISTRY_HEADER);
      io.out(`wrote ${file}\n`);
    });

  program
    .command("validate")
    .description("Check Envoy documents (a file, or every bootstrap/lds/cds file under a folder) against Envoy's own API protos.")
    .argument("<path>", "a file or folder, e.g. out/uaek/envoy")
    .addOption(new Option("--kind <kind>", "document kind when the file name does not tell").choices(["bootstrap", "lds", "cds", "rds", "eds"]))
    .option("--json", "print diagnostics as JSON", false)
    .action((path: string, opts: { kind?: EnvoyDocumentKind; json: boolean }) => {
      if (!existsSync(path)) throw new UsageError(`not found: ${path}`);
      const { printValidation, validatePath } = require("./validate-command") as typeof import("./validate-command");
      const result = validatePath(resolve(path), opts.kind);
      if (result.checked === 0) throw new UsageError(`no Envoy documents (bootstrap/lds/cds/rds/eds .yaml) under ${path}; pass --kind for other names`);
      status = printValidation(result, opts.json, io.out, io.err);
    });

  const context: CommandContext = {
    io,
    setStatus: (s) => void (status = s),
    entryPath,
    usage: (message) => {
      throw new UsageError(message);
    },
    report: (result) => report(result, { json: false, summary: summary(result) }, io.out, io.err),
  };
  addExplainCommand(program, context);
  addDiffCommand(program, context);
  addGraphCommand(program, context);
  addReportCommand(program, context);
  addLspCommand(program, context);

  try {
    await program.parseAsync([...argv], { from: "user" });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    if (error instanceof OutputError) {
      io.err(renderPretty(error.diagnostic, () => undefined));
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.err(`meshc: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.err(`meshc: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
}
