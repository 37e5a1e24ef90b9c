// Validation results kept across builds, by content: a rebuild validates only the texts it has not seen clean.
// An entry says one thing, "this exact text, of this kind, validated clean under this validator", and is the
// sha256 of (validator version, kind, text); nothing else is stored, so a cache can only ever skip the work
// that would have found nothing, never turn a finding into a pass. A text with any finding (error or warning)
// is never recorded, and is validated again by every build.
//
// The validator version is a hash of the validators' own sources (compiler/validate/**), of the packages whose
// code or data decide a finding (Envoy's protos in @grpc/grpc-js-xds, protobufjs, the Kubernetes schemas of
// kubernetes-models, the YAML readers) and of the Node.js version: a changed validator gets a file of its own,
// and the files of other versions are removed when it is written. One file per version, one hex digest a line,
// replaced atomically (write, then rename) after the build; an unreadable or foreign file is an empty cache.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The validation units a build checks: Envoy documents or resources, Kubernetes documents, Istio files. */
export type CacheKind = "envoy:bootstrap" | "envoy:lds" | "envoy:cds" | "envoy:rds" | "envoy:eds" | "kubernetes" | "istio";

export interface CleanCache {
  /** Whether this text of this kind validated clean before. */
  has(kind: CacheKind, text: string): boolean;
  /** Records that this text validated clean (no finding of any severity). */
  add(kind: CacheKind, text: string): void;
  /** Records an entry by its key (cleanCacheKey), made where the text was checked (both-cores.ts's helper). */
  addKey(key: string): void;
  /** Writes what this build added; a no-op when it added nothing. Never throws (a cache is not worth a failed build). */
  save(): void;
  /** How many texts it holds. */
  readonly size: number;
}

/** Texts the build checks but does not remember: no cache folder. */
export const NO_CACHE: CleanCache = { has: () => false, add: () => {}, addKey: () => {}, save: () => {}, size: 0 };

/**
 * What a thread that checks for another thread's cache records (both-cores.ts's helper): it knows clean what the
 * build's cache held when the thread read it (`known`, readCleanKeys), and `fresh` hands over the keys of the texts
 * found clean since it was last called, and of those `known` held (the build's cache marks them used), for the
 * build's cache to add (`addKey`); with `wanted` false (the build has no cache) none are made.
 */
export function cleanKeys(wanted: () => boolean, known: ReadonlySet<string> = new Set()): CleanCache & { fresh(): string[]; hits: number } {
  let added: string[] = [];
  // `has` then `add` of the same text: its key is made once.
  let missed: { kind: CacheKind; text: string; key: string } | undefined;
  const cache: CleanCache & { fresh(): string[]; hits: number } = {
    /** How many texts `known` held (for the build's tests and benchmark). */
    hits: 0,
    has: (kind, text) => {
      if (known.size === 0) return false;
      const key = cleanCacheKey(kind, text);
      if (!known.has(key)) {
        missed = { kind, text, key };
        return false;
      }
      added.push(key);
      cache.hits++;
      return true;
    },
    add: (kind, text) => {
      if (!wanted()) return;
      added.push(missed && missed.text === text && missed.kind === kind ? missed.key : cleanCacheKey(kind, text));
    },
    addKey: (key) => void added.push(key),
    save: () => {},
    size: 0,
    fresh() {
      const out = added;
      added = [];
      return out;
    },
  };
  return cache;
}

const PACKAGES = ["@grpc/grpc-js-xds", "protobufjs", "kubernetes-models", "yaml", "js-yaml"];
/** More entries than this and the file keeps only what the latest build used. */
const MAX_ENTRIES = 400_000;
const DIGEST = /^[0-9a-f]{64}$/;

function sources(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? sources(path) : /\.(ts|js|json)$/.test(entry) ? [path] : [];
    });
}

let version: string | undefined;

/** The validators' version: a hash of their sources and of the packages they rest on (computed once per process). */
export function validatorVersion(): string {
  if (version) return version;
  const hash = createHash("sha256").update(`node ${process.version}\n`);
  for (const path of sources(__dirname)) hash.update(`${path.slice(__dirname.length)}\n`).update(readFileSync(path));
  for (const name of PACKAGES) hash.update(`${name}\n`).update(readFileSync(require.resolve(`${name}/package.json`)));
  version = hash.digest("hex").slice(0, 32);
  return version;
}

function fileFor(dir: string): string {
  return join(dir, `validated-${validatorVersion()}.txt`);
}

/** The keys a cache folder holds for the current validator version (what openCleanCache reads). */
export function readCleanKeys(dir: string): Set<string> {
  return readEntries(fileFor(dir));
}

function readEntries(file: string): Set<string> {
  try {
    return new Set(readFileSync(file, "utf8").split("\n").filter((line) => DIGEST.test(line)));
  } catch {
    return new Set();
  }
}

/**
 * An entry's key: the SHA-256 of the validators' version, the kind and the text's UTF-8 bytes. An all-ASCII text's
 * Latin-1 bytes are its UTF-8 bytes, and Node hashes those straight from the string (~1.7x faster).
 */
export function cleanCacheKey(kind: CacheKind, text: string): string {
  const encoding = Buffer.byteLength(text, "utf8") === text.length ? "latin1" : "utf8";
  return createHash("sha256").update(validatorVersion()).update("\0").update(kind).update("\0").update(text, encoding).digest("hex");
}

/** The cache kept in `dir` (created when first written), for the current validator version. */
export function openCleanCache(dir: string): CleanCache {
  const file = fileFor(dir);
  const known = readEntries(file);
  const used = new Set<string>();
  let added = 0;
  const digest = cleanCacheKey;
  // A validation asks `has` (when it collects what to check, and again in its walk), then `add`s what was clean:
  // a miss's key is kept until that text is added, so each text is hashed once (hashing was ~1.5 s of a cold
  // build's 3 s of cache work at N = 1 000). Kept by kind, then by the text itself (the same string objects
  // come back, whose hash V8 keeps).
  const missed = new Map<CacheKind, Map<string, string>>();
  const missedOf = (kind: CacheKind) => {
    let texts = missed.get(kind);
    if (!texts) missed.set(kind, (texts = new Map()));
    return texts;
  };
  const key = (kind: CacheKind, text: string) => missed.get(kind)?.get(text) ?? digest(kind, text);
  const addKey = (k: string) => {
    used.add(k);
    if (!known.has(k)) {
      known.add(k);
      added++;
    }
  };
  return {
    get size() {
      return known.size;
    },
    has(kind, text) {
      const k = key(kind, text);
      if (!known.has(k)) {
        missedOf(kind).set(text, k);
        return false;
      }
      used.add(k);
      return true;
    },
    add(kind, text) {
      const k = key(kind, text);
      missed.get(kind)?.delete(text);
      addKey(k);
    },
    addKey,
    save() {
      if (!added) return;
      try {
        mkdirSync(dirname(file), { recursive: true });
        const keep = known.size > MAX_ENTRIES ? used : known;
        const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
        writeFileSync(temp, [...keep].join("\n") + "\n");
        renameSync(temp, file);
        for (const entry of readdirSync(dir)) if (/^validated-[0-9a-f]+\.txt$/.test(entry) && join(dir, entry) !== file) rmSync(join(dir, entry), { force: true });
        added = 0;
      } catch {
        // A read-only or full disk: the next build validates everything again, as without a cache.
      }
    },
  };
}

/** Where `meshc build` keeps its cache: $XDG_CACHE_HOME/meshc, else ~/.cache/meshc; undefined when neither is known. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "meshc");
  if (env.HOME) return join(env.HOME, ".cache", "meshc");
  return undefined;
}
