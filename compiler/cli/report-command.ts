// `meshc report <entry|output folder> [--base <entry|folder|git rev>] [--out report.html] [--drill d …]`: one
// self-contained HTML page (compiler/review/report). `--base` that is not a path is a git revision of the entry.
import { existsSync, statSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { hasErrors } from "../diagnostics/diagnostic";
import type { CommandContext } from "./command-context";
import type { SideResult } from "./diff-sides";

interface ReportOptions {
  base?: string;
  out?: string;
  drill: string[];
}

export function addReportCommand(program: Command, ctx: CommandContext): void {
  program
    .command("report")
    .description("Write one self-contained HTML page: graph, routes and resilience per service, access matrix, diff against a base, request simulator.")
    .argument("<policy>", "a policy entry file or a build output folder")
    .option("--base <ref>", "diff against this entry file, build output folder, or git revision of the entry")
    .option("--out <file>", "write the page here instead of standard output")
    .option("--drill <name...>", "drills the diff's blast radius counts as switched on", [])
    .action(async (policy: string, opts: ReportOptions) => {
      const { build } = require("../build") as typeof import("../build");
      const { loadModel, loadRevision, loadSide } = require("./diff-sides") as typeof import("./diff-sides");
      const { semanticDiff } = require("../review/diff/semantic-diff") as typeof import("../review/diff/semantic-diff");
      const { serviceGraph } = require("../review/graph/service-graph") as typeof import("../review/graph/service-graph");
      const { toSvg } = require("../review/graph/svg") as typeof import("../review/graph/svg");
      const { simulatorBundle } = require("../review/report/bundle-page") as typeof import("../review/report/bundle-page");
      const { reportPage } = require("../review/report/report-page") as typeof import("../review/report/report-page");
      const { reportPlaces } = require("../review/report/report-places") as typeof import("../review/report/report-places");
      const isEntry = existsSync(policy) && statSync(policy).isFile();
      const fail = (side: SideResult): boolean => {
        if (side.ok) return false;
        if ("usage" in side) ctx.usage(side.usage);
        ctx.report(side.failed);
        ctx.setStatus(1);
        return true;
      };
      let head: SideResult;
      let places: Record<string, string> = {};
      if (isEntry) {
        const entry = ctx.entryPath(policy);
        const result = await build({ entry, checker: "none", emit: false });
        if (!result.model || hasErrors(result.diagnostics)) head = { ok: false, failed: result };
        else {
          head = { ok: true, side: { label: policy, model: result.model, manifest: null } };
          places = reportPlaces(result.model, { entry, sources: result.sources });
        }
      } else head = await loadModel(policy);
      if (fail(head) || !head.ok) return;
      let diff = null;
      if (opts.base !== undefined) {
        const base = existsSync(opts.base) ? await loadSide(opts.base, opts.drill) : isEntry ? await loadRevision(ctx.entryPath(policy), opts.base, opts.drill) : ctx.usage(`--base ${opts.base} is neither a path nor usable as a git revision (the policy is not an entry file)`);
        if (fail(base) || !base.ok) return;
        // Both sides without files: the semantic diff and the blast radius, no file list.
        diff = semanticDiff({ ...base.side, manifest: null }, head.side, [...opts.drill].sort());
      }
      const page = reportPage({ model: head.side.model, places, svg: await toSvg(serviceGraph(head.side.model)), diff, script: await simulatorBundle(), source: relative(process.cwd(), resolve(policy)) || policy });
      if (opts.out) writeFileSync(opts.out, page);
      else ctx.io.out(page);
    });
}
