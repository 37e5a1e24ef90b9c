// The same generated mesh typed three ways, to compare with DESIGN.md's "Types must scale with the mesh":
// - "registry": meshc's DSL as it is (svc.<name> looked up in the generated Services interface);
// - "registry, name first": the same with ServiceRef's `name` declared before its brand, which lets
//   TypeScript's union subtype reduction tell two references apart by their name literal alone;
// - "literal union": references are string literals ("orders") checked against a union of every name.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { REGISTRY_FILE } from "../../compiler/api";
import { writeMesh } from "../generate";

export type Variant = "registry" | "registry, name first" | "literal union";

const REPO = resolve(__dirname, "../..");

/** Mirrors the options meshc's typecheck stage uses (compiler/typecheck/compiler-options.ts). */
function tsconfig(meshc: string): string {
  const compilerOptions = {
    strict: true, target: "es2022", module: "esnext", moduleResolution: "bundler", allowImportingTsExtensions: true,
    lib: ["es2023"], types: [], noEmit: true, skipLibCheck: true, paths: { meshc: [meshc] },
  };
  return JSON.stringify({ compilerOptions, include: ["**/*.ts"], exclude: [".dsl"] }, null, 2);
}

const BRAND_FIRST = '  readonly [KIND]: "service-ref";\n  /** The referenced service\'s name. */\n  readonly name: N;\n';
const NAME_FIRST = '  /** The referenced service\'s name. */\n  readonly name: N;\n  readonly [KIND]: "service-ref";\n';

const LITERAL_DSL = `// The "literal union" alternative: references are names checked against a union of every service name.
import type { Drill, Mesh, MeshSpec, MtlsMode, RouteTest, Service, ServiceSpec, TestRequest } from "meshc";
import type { ServiceName } from "./service-names";

export interface LiteralSpec<V extends string> extends Omit<ServiceSpec<V>, "calls" | "access"> {
  readonly calls?: readonly ServiceName[];
  readonly access?: { readonly allowFrom?: readonly ServiceName[]; readonly mtls?: MtlsMode };
}
export declare function service<const N extends string, const V extends string = "v1">(name: N, spec: LiteralSpec<V>): Service<N, V>;

interface LiteralDrill<Z extends string> extends Omit<Drill<Z>, "target" | "from"> {
  readonly target: ServiceName;
  readonly from?: readonly ServiceName[];
}
interface LiteralTest extends Omit<RouteTest, "request"> {
  readonly request: Omit<TestRequest, "from" | "to"> & { readonly from?: ServiceName; readonly to: ServiceName };
}
export interface LiteralMeshSpec<Z extends string> extends Omit<MeshSpec<Z>, "drills" | "tests"> {
  readonly drills?: Readonly<Record<string, LiteralDrill<NoInfer<Z>>>>;
  readonly tests?: readonly LiteralTest[];
}
export declare function defineMesh<const Z extends string>(spec: LiteralMeshSpec<Z>): Mesh;
`;

function toLiterals(text: string): string {
  return text
    .replace('import { service, svc } from "meshc";', 'import { service } from "../literal-dsl";')
    .replace('import { defineMesh, svc } from "meshc";', 'import { defineMesh } from "./literal-dsl";')
    .replace(/svc\.([A-Za-z_$][A-Za-z0-9_$]*)/g, '"$1"')
    .replace(/svc\[("(?:[^"\\]|\\.)*")\]/g, "$1");
}

/**
 * Writes the mesh into `dir` typed as `variant`; returns the tsconfig path, or null when the variant cannot
 * be built from this checkout (the DSL already declares ServiceRef's name first).
 */
export function writeVariant(dir: string, files: ReadonlyMap<string, string>, names: readonly string[], variant: Variant): string | null {
  rmSync(dir, { recursive: true, force: true });
  let meshc = join(REPO, "dsl/index.ts");
  if (variant === "literal union") {
    const rewritten = new Map([...files].filter(([path]) => path !== REGISTRY_FILE).map(([path, text]) => [path, toLiterals(text)]));
    rewritten.set("literal-dsl.ts", LITERAL_DSL);
    rewritten.set("service-names.ts", `export type ServiceName =\n${names.map((n) => `  | ${JSON.stringify(n)}`).join("\n")};\n`);
    writeMesh(dir, rewritten);
  } else {
    writeMesh(dir, files);
  }
  if (variant === "registry, name first") {
    const copy = join(dir, ".dsl");
    cpSync(join(REPO, "dsl"), copy, { recursive: true });
    const registry = readFileSync(join(copy, "registry.ts"), "utf8");
    if (!registry.includes(BRAND_FIRST)) return null;
    writeFileSync(join(copy, "registry.ts"), registry.replace(BRAND_FIRST, NAME_FIRST));
    meshc = join(copy, "index.ts");
  }
  const path = join(dir, "tsconfig.json");
  writeFileSync(path, tsconfig(meshc));
  return path;
}
