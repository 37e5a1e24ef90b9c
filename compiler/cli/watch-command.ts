// `meshc build --watch`: the first build writes the whole output atomically; after that, every change under
// the policy's folder rebuilds incrementally (compiler/watch) and replaces only the files that changed. A
// build with errors reports them and leaves the output as it was.
import { watch } from "node:fs";
import { dirname } from "node:path";
import type { BuildOptions } from "../build";
import { writeAtomically } from "../emit/atomic-write";
import { updateInPlace } from "../emit/update-in-place";
import { policyBundler } from "../load";
import { incrementalBuilder, type IncrementalResult } from "../watch";

/** Editors save in bursts (write, rename, chmod): changes within this window make one rebuild. */
const SETTLE_MS = 100;

export interface WatchOptions {
  readonly build: BuildOptions;
  readonly out: string;
  /** Stops watching. */
  readonly signal: AbortSignal;
  /** Called after every build with its result and whether the output was written. */
  readonly onBuild: (result: IncrementalResult, wrote: boolean) => void;
  /** Called when writing the output failed (the watch goes on). */
  readonly onError: (error: unknown) => void;
}

export async function watchBuild(options: WatchOptions): Promise<void> {
  // One esbuild context for the whole watch: a save parses again only the files it changed.
  const bundler = options.build.load?.bundler ? undefined : policyBundler();
  const builder = incrementalBuilder(bundler ? { ...options.build, load: { ...options.build.load, bundler } } : options.build);
  let first = true;
  let running: Promise<void> = Promise.resolve();
  let pending = false;

  const once = async () => {
    const result = await builder.rebuild();
    const ok = result.artifacts !== null;
    if (ok && first) await writeAtomically(options.out, result.artifacts, { protect: [dirname(options.build.entry)] });
    else if (ok) {
      const changed = new Set(result.changed);
      updateInPlace(options.out, result.artifacts.filter((a) => changed.has(a.path)), result.removed);
    }
    if (ok) first = false;
    options.onBuild(result, ok);
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      running = running.then(once).catch(options.onError);
    }, SETTLE_MS);
  };

  running = running.then(once).catch(options.onError);
  const watcher = watch(dirname(options.build.entry), { recursive: true }, (_event, name) => {
    if (typeof name === "string" && /\.(?:[cm]?[jt]s)$/.test(name) && !name.endsWith(".d.ts")) schedule();
  });
  await new Promise<void>((resolveStop) => {
    options.signal.addEventListener("abort", () => {
      watcher.close();
      resolveStop();
    }, { once: true });
  });
  await running;
  builder.close();
  await bundler?.dispose();
}
