// A bundler kept across the loads of one policy, for what loads it again and again (`meshc serve`, `meshc
// build --watch`, `meshc lsp`): one esbuild context, rebuilt on each load. The plugin still reads and
// resolves every file each time (so the sandbox's import rules decide every load), but esbuild parses again
// only the files whose text changed, and reuses the rest. The options are those of a one-shot bundle, so the
// bundle is the same, byte for byte, code and source map (test/load/policy-bundler.test.ts holds it to that
// through random edits). A context holds esbuild's service open: whoever makes a bundler disposes it.
import { type BuildContext, context } from "esbuild";
import { type BundleResult, bundleWith, esbuildOptions, type PolicyLocation } from "./bundle";
import type { SourceSink } from "./resolve-policy-imports";

export interface PolicyBundler {
  bundle(policy: PolicyLocation): Promise<BundleResult>;
  dispose(): Promise<void>;
}

export function policyBundler(): PolicyBundler {
  let kept: { key: string; context: Promise<BuildContext<{ write: false }>> } | undefined;
  // The sink of the build in progress: the context's plugin was made once, each build collects its own sources.
  let sink: SourceSink = new Map();
  // One build at a time: a context's rebuilds share the plugin, and so the sink.
  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;

  async function contextFor(policy: PolicyLocation): Promise<BuildContext<{ write: false }>> {
    const key = JSON.stringify(policy);
    if (kept?.key !== key) {
      // Another entry, or the same one reached through other real paths: a new context.
      if (kept) await (await kept.context).dispose();
      kept = { key, context: context(esbuildOptions(policy, { set: (file, text) => sink.set(file, text) })) };
    }
    try {
      return await kept.context;
    } catch (error) {
      kept = undefined;
      throw error;
    }
  }

  function bundle(policy: PolicyLocation): Promise<BundleResult> {
    if (disposed) throw new Error("policyBundler: bundle() after dispose()");
    const run = queue.then(() =>
      bundleWith(policy, async (into) => {
        const ctx = await contextFor(policy);
        sink = into;
        return ctx.rebuild();
      }),
    );
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    bundle,
    async dispose() {
      disposed = true;
      await queue;
      if (kept) await (await kept.context).dispose();
      kept = undefined;
    },
  };
}
