// Envoy's own API definitions, loaded once per process. The .proto files ship inside @grpc/grpc-js-xds
// (deps/envoy-api with its dependencies xds, googleapis and protoc-gen-validate); protobufjs parses them.
// google/protobuf/*.proto come from protobufjs itself (its bundled well-known types and descriptor.proto).
//
// Every Envoy v3 file is loaded, not a hand-picked list, so any `typed_config` an Envoy config may carry
// resolves by its @type. A few files import protos that the package does not ship (opencensus,
// opentelemetry, prometheus, and the long-removed v2 API); those files are skipped, found by reading import
// lines, so a later package version that ships them is picked up unchanged.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import * as protobuf from "protobufjs";
import { rootOfSnapshot } from "./proto-snapshot";

export interface ProtoRegistry {
  readonly root: protobuf.Root;
  /** Proto files parsed. */
  readonly files: number;
  /** Files skipped because an import they need is not shipped. */
  readonly skipped: readonly string[];
  /** Wall time of the one load, in milliseconds. */
  readonly loadMs: number;
}

const API_FOLDERS = ["envoy-api", "xds", "googleapis", "protoc-gen-validate"] as const;
/** Message families an Envoy config may name in a `@type` besides Envoy's own. */
const EXTRA_ENTRIES = ["xds/type/v3/typed_struct.proto", "udpa/type/v1/typed_struct.proto", "envoy/service/discovery/v3/discovery.proto"];
const IMPORT = /^\s*import\s+(?:public\s+|weak\s+)?"([^"]+)"\s*;/gm;

function depsFolder(): string {
  return join(dirname(require.resolve("@grpc/grpc-js-xds/package.json")), "deps");
}

function protoFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return protoFiles(path);
      return entry.endsWith(".proto") ? [path] : [];
    });
}

/** Finds an import among the API folders, then protobufjs's own google/protobuf files. */
function makeResolver(roots: readonly string[]): (target: string) => string | null {
  const cache = new Map<string, string | null>();
  return (target) => {
    if (cache.has(target)) return cache.get(target)!;
    const found = roots.map((r) => join(r, target)).find((p) => existsSync(p)) ?? null;
    cache.set(target, found);
    return found;
  };
}

/** protobufjs carries the common well-known types (any, duration, struct, wrappers …) in memory. */
function isBundled(file: string): boolean {
  return Object.prototype.hasOwnProperty.call(protobuf.common, file);
}

/** Files whose whole import closure exists on disk. */
function loadable(entries: readonly string[], resolve: (target: string) => string | null): { ok: string[]; skipped: string[] } {
  const verdict = new Map<string, boolean>();
  const visit = (file: string, stack: Set<string>): boolean => {
    if (verdict.has(file)) return verdict.get(file)!;
    if (stack.has(file)) return true;
    stack.add(file);
    if (isBundled(file)) return true;
    const path = resolve(file);
    let good = path !== null;
    if (path) {
      for (const m of readFileSync(path, "utf8").matchAll(IMPORT)) {
        if (!visit(m[1]!, stack)) good = false;
      }
    }
    stack.delete(file);
    verdict.set(file, good);
    return good;
  };
  const ok: string[] = [];
  const skipped: string[] = [];
  for (const entry of entries) (visit(entry, new Set()) ? ok : skipped).push(entry);
  return { ok, skipped };
}

/** The registry parsed from the .proto files (what proto-snapshot.ts keeps). */
export function parseEnvoyProtos(): ProtoRegistry {
  const start = performance.now();
  const deps = depsFolder();
  const roots = [...API_FOLDERS.map((f) => join(deps, f)), dirname(require.resolve("protobufjs/package.json"))];
  const resolve = makeResolver(roots);
  const envoyApi = join(deps, "envoy-api");
  const entries = [...protoFiles(join(envoyApi, "envoy")).map((p) => relative(envoyApi, p).split("\\").join("/")), ...EXTRA_ENTRIES];
  const { ok, skipped } = loadable(entries, resolve);
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => resolve(target) ?? target;
  root.loadSync(ok, { keepCase: true });
  root.resolveAll();
  return { root, files: root.files.length, skipped, loadMs: performance.now() - start };
}

let registry: ProtoRegistry | undefined;

function load(): ProtoRegistry {
  const start = performance.now();
  const kept = rootOfSnapshot();
  return kept ? { ...kept, loadMs: performance.now() - start } : parseEnvoyProtos();
}

/** The registry, loaded on first use (from its snapshot when it has one for these packages) and kept for the life of the process. */
export function envoyProtos(): ProtoRegistry {
  registry ??= load();
  return registry;
}

/** Lookups by name, once per name: every Any in every document asks again. */
const types = new Map<string, protobuf.Type | undefined>();

/** The message type with this full name (no leading dot), or undefined. */
export function messageType(name: string): protobuf.Type | undefined {
  if (types.has(name)) return types.get(name);
  const found = envoyProtos().root.lookup(name.replace(/^\./, ""));
  const type = found instanceof protobuf.Type ? found : undefined;
  types.set(name, type);
  return type;
}
