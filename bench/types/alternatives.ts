// The same generated mesh typed several ways, to compare with DESIGN.md's "Types must scale with the mesh":
// - "registry": meshc's DSL as it is (svc.<name> looked up in the generated Services interface);
// - "registry, name first": ServiceRef declares `name` before its brand, so TypeScript's union subtype
//   reduction of an array literal tells two references apart by their name literal alone (no relation check);
// - "registry, tuple lists": `calls`, `allowFrom` and a drill's `from` typed `readonly [] | readonly ServiceRef[]`,
//   so an array literal there is typed as a tuple and never reduced to a union at all;
// - "literal union": references are string literals ("orders") checked against a union of every name.
// The DSL variants are patched copies of dsl/ (see docs/dsl-types.md, "Where the time goes").
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { REGISTRY_FILE } from "../../compiler/api";
import { writeMesh } from "../generate";

export type Variant = "registry" | "registry, name first" | "registry, tuple lists" | "literal union";

const REPO = resolve(__dirname, "../..");

/** Mirrors the options meshc's typecheck stage uses (compiler/typecheck/compiler-options.ts). */
function tsconfig(meshc: string): string {
  const compilerOptions = {
    strict: true, target: "es2022", module: "esnext", moduleResolution: "bundler", allowImportingTsExtensions: true,
    lib: ["es2023"], types: [], noEmit: true, skipLibCheck: true, paths: { meshc: [meshc] },
  };
  return JSON.stringify({ compilerOptions, include: ["**/*.ts"], exclude: [".dsl"] }, null, 2);
}

interface Patch {
  readonly file: string;
  readonly from: string;
  readonly to: string;
}

const PATCHES: Partial<Record<Variant, readonly Patch[]>> = {
  "registry, name first": [
    {
      file: "registry.ts",
      from: '  readonly [KIND]: "service-ref";\n  /** The referenced service\'s name. */\n  readonly name: N;\n',
      to: '  /** The referenced service\'s name. */\n  readonly name: N;\n  readonly [KIND]: "service-ref";\n',
    },
  ],
  "registry, tuple lists": [
    { file: "service.ts", from: "readonly calls?: readonly ServiceRef[];", to: "readonly calls?: readonly [] | readonly ServiceRef[];" },
    { file: "security.ts", from: "readonly allowFrom?: readonly ServiceRef[];", to: "readonly allowFrom?: readonly [] | readonly ServiceRef[];" },
    { file: "mesh.ts", from: "readonly from?: readonly ServiceRef[];", to: "readonly from?: readonly [] | readonly ServiceRef[];" },
  ],
};

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
 * be built from this checkout (dsl/ no longer has the text a patch replaces, e.g. it already made that change).
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
  const patches = PATCHES[variant];
  if (patches) {
    const copy = join(dir, ".dsl");
    cpSync(join(REPO, "dsl"), copy, { recursive: true });
    for (const { file, from, to } of patches) {
      const text = readFileSync(join(copy, file), "utf8");
      if (!text.includes(from)) return null;
      writeFileSync(join(copy, file), text.replace(from, to));
    }
    meshc = join(copy, "index.ts");
  }
  const path = join(dir, "tsconfig.json");
  writeFileSync(path, tsconfig(meshc));
  return path;
}
