// Who may import whom (STYLE.md): a rule only habit guards leaks, so the imports are read and checked here.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { Node, Project, SyntaxKind } from "ts-morph";

const root = resolve(__dirname, "../..");
const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
project.addSourceFilesAtPaths(["dsl/**/*.ts", "compiler/**/*.ts", "targets/**/*.ts", "infra/**/*.ts", "bench/**/*.ts"].map((g) => join(root, g)));

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

interface Edge { from: string; to: string; spec: string }

function edges(): Edge[] {
  return project.getSourceFiles().flatMap((file) => {
    const from = relative(root, file.getFilePath());
    const specs = [
      ...file.getImportDeclarations().map((d) => d.getModuleSpecifierValue()),
      ...file.getExportDeclarations().flatMap((d) => d.getModuleSpecifierValue() ?? []),
      // A module loaded lazily (`require("…")`, `import("…")`, as the CLI's commands do) is an edge too.
      ...file.getDescendantsOfKind(SyntaxKind.CallExpression).flatMap((call) => {
        const callee = call.getExpression();
        const lazy = callee.getKind() === SyntaxKind.ImportKeyword || (Node.isIdentifier(callee) && callee.getText() === "require");
        const [arg] = call.getArguments();
        return lazy && arg && Node.isStringLiteral(arg) ? [arg.getLiteralValue()] : [];
      }),
    ];
    return specs.map((spec) => ({ from, spec, to: spec.startsWith(".") ? relative(root, resolve(dirname(file.getFilePath()), spec)) : spec }));
  });
}

function allowed(e: Edge): boolean {
  const { from, to, spec } = e;
  const relativeImport = spec.startsWith(".");
  const inside = (dir: string) => to === dir || to.startsWith(`${dir}/`);
  if (from.startsWith("dsl/")) return relativeImport && inside("dsl");
  if (from.startsWith("compiler/model/")) return relativeImport && inside("compiler/model");
  if (from === "targets/target.ts") return relativeImport && inside("compiler/model");
  if (from === "targets/stable-yaml.ts" || from === "targets/sidecar-layout.ts") return false; // shared by every target: plain code, no imports
  if (from.startsWith("targets/")) {
    const own = from.split("/").slice(0, 2).join("/");
    if (!relativeImport) return !builtins.has(spec) && spec !== "meshc";
    return inside(own) || inside("compiler/model") || to === "targets/target" || to === "targets/stable-yaml" || to === "targets/sidecar-layout";
  }
  if (from.startsWith("compiler/")) {
    if (!relativeImport) return true;
    if (inside("targets")) return from === "compiler/target-registry.ts" || to === "targets/target";
    return inside("compiler") || inside("dsl");
  }
  if (from.startsWith("infra/") || from.startsWith("bench/")) {
    const own = from.split("/")[0]!;
    if (!relativeImport) return true;
    // The benchmark also measures the Pulumi program (infra/), under engine mocks.
    return inside(own) || to === "compiler/api" || (own === "bench" && inside("infra"));
  }
  return true;
}

test("every import follows the folder rules of STYLE.md", () => {
  const all = edges();
  assert.ok(all.length > 20, "the import graph was read");
  const bad = all.filter((e) => !allowed(e)).map((e) => `${e.from} → ${e.spec}`);
  assert.equal(bad, []);
});

test("lazy loads are read as edges", () => {
  const lazy = edges().filter((e) => e.from === "compiler/cli/main.ts" && e.spec === "../build");
  assert.ok(lazy.length > 0, "main.ts requires the build driver only inside its actions");
});

test("the rule catches a forbidden edge (a target importing another target)", () => {
  assert.not.ok(allowed({ from: "targets/envoy/cluster.ts", to: "targets/capture/index", spec: "../capture" }));
  assert.not.ok(allowed({ from: "targets/envoy/cluster.ts", to: "fs", spec: "node:fs" }));
  assert.not.ok(allowed({ from: "dsl/mesh.ts", to: "compiler/model/mesh", spec: "../compiler/model/mesh" }));
});

test.run();
