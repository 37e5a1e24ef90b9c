// `meshc serve`: one zone's xDS server. It builds the policy (the front end through compiler/watch's
// incremental builder, which runs load, type check, normalize and checks), serves each connecting sidecar
// its config, and after every save under the policy's folder rebuilds and pushes new versions only to the
// sidecars whose resources changed. A policy with errors (or resources Envoy's protos refuse) changes
// nothing served; the errors are reported and the server goes on with the last good policy.
import { readFileSync, watch, type FSWatcher } from "node:fs";
import { dirname, resolve } from "node:path";
import type { BuildResult, Checker } from "../build";
import { hasErrors } from "../diagnostics/diagnostic";
import type { MeshModel } from "../model";
import { policyBundler } from "../load";
import { incrementalBuilder } from "../watch";
import { changesBetween, snapshot as modelSnapshot } from "../watch/model-changes";
import { type AdsServer, adsServer, type ServerTls } from "./ads-server";
import type { EndpointResolver } from "./endpoints";
import { type ZoneSnapshot, zoneSnapshot } from "./snapshot";

export interface ServeOptions {
  readonly entry: string;
  readonly zone: string;
  /** @default "[::]:15010" */
  readonly listen?: string;
  readonly checker?: Checker;
  readonly drills?: readonly string[];
  readonly tls?: ServerTls;
  readonly endpoints: EndpointResolver;
  /** Check served resources against Envoy's protos. @default true */
  readonly validate?: boolean;
  /** Rebuild on changes under the policy's folder. @default true */
  readonly watch?: boolean;
  readonly log: (line: string) => void;
  /** Every build's result (diagnostics are printed from it). */
  readonly onBuild?: (result: BuildResult) => void;
  /** After each applied policy or endpoint change: configs changed and streams pushed. */
  readonly onPush?: (event: PushEvent) => void;
}

export interface PushEvent {
  readonly cause: "policy" | "endpoints";
  readonly changed: readonly string[];
  readonly pushed: number;
  /** From the start of the rebuild to the last write. */
  readonly ms: number;
  /** Of `ms`, the policy's front end (load, type check, normalize, checks); 0 for an endpoint change. */
  readonly policyMs: number;
}

export interface XdsServe {
  readonly port: number;
  /** Rebuilds now (what a save triggers). */
  rebuild(): Promise<void>;
  streams(): number;
  configs(): number;
  close(): Promise<void>;
}

export type ServeStart = { readonly ok: true; readonly server: XdsServe } | { readonly ok: false; readonly result: BuildResult; readonly reason: string };

export async function serveXds(options: ServeOptions): Promise<ServeStart> {
  // With certificates required, a service without mTLS could not be served: the policy's error (MESH050), not a refusal per sidecar.
  // One esbuild context for the server's life: a save parses again only the files it changed.
  const bundler = policyBundler();
  // Only the front end (emit: false): the server builds its resources itself (snapshot.ts), so the builder's
  // model.json, its manifest and its own model snapshot (~60–100 ms of a save at N = 1 000) were made for nothing.
  const builder = incrementalBuilder({ entry: options.entry, checker: options.checker, drills: options.drills, targets: [], validate: false, emit: false, delivery: options.tls ? "xds" : undefined, load: { bundler } });
  const first = await builder.rebuild();
  options.onBuild?.(first);
  const refuse = async (reason: string): Promise<ServeStart> => (builder.close(), await bundler.dispose(), { ok: false, result: first, reason });
  if (!first.model || hasErrors(first.diagnostics)) return refuse("the policy has errors");
  if (!first.model.zones.includes(options.zone)) return refuse(`the policy has no zone ${JSON.stringify(options.zone)} (its zones: ${first.model.zones.join(", ")})`);

  let model: MeshModel = first.model;
  // The last good model's snapshot, kept: made again on every save, it was one more JSON text of the whole model.
  let served = modelSnapshot(model);
  const zone: ZoneSnapshot = zoneSnapshot(model, { zone: options.zone, drills: options.drills ?? [], endpoints: options.endpoints, validate: options.validate });
  // Every sidecar config is built before the server listens, so a zone's sidecars connecting at once (a
  // rollout, or the server's own restart) are only sent bytes.
  const warmStart = performance.now();
  const warmed = zone.warm();
  options.log(`built ${warmed.built} sidecar configs in ${Math.round(performance.now() - warmStart)} ms`);
  for (const r of warmed.refused) options.log(`cannot serve ${r}`);
  // A save's path is run once on the unchanged policy before the server listens: V8 optimizes the host's
  // code of a rebuild (the load, the serializer, normalize, the checks, the model diff) over its first runs,
  // and without this the user's first save cost ~1.5–2× the CPU of later ones (docs/serve.md "At scale").
  const pending = await warmSavePath();
  const server: AdsServer = adsServer({ zone: options.zone, snapshot: () => zone, tls: options.tls, log: options.log });
  const port = await server.listen(options.listen ?? "[::]:15010");

  options.endpoints.onChange((hosts) => {
    const start = performance.now();
    const changed = zone.endpointsChanged(hosts);
    const pushed = server.push(changed);
    options.onPush?.({ cause: "endpoints", changed, pushed, ms: performance.now() - start, policyMs: 0 });
  });

  const apply = (result: BuildResult, start: number): void => {
    const policyMs = performance.now() - start;
    options.onBuild?.(result);
    if (!result.model || hasErrors(result.diagnostics)) return options.log("the policy has errors: still serving the last good policy");
    if (!result.model.zones.includes(options.zone)) return options.log(`the policy no longer has zone ${options.zone}: still serving the last good policy`);
    const next = modelSnapshot(result.model, served);
    const changes = changesBetween(served, next);
    const applied = zone.update(result.model, changes);
    if ("errors" in applied) {
      options.log(`refused: the rebuilt resources do not pass Envoy's API checks; still serving the last good policy\n  ${applied.errors.join("\n  ")}`);
      return;
    }
    model = result.model;
    served = next;
    const pushed = server.push(applied.changed);
    const ms = performance.now() - start;
    options.log(`applied: ${applied.changed.length} sidecar configs changed, pushed to ${pushed} streams in ${Math.round(ms)} ms`);
    options.onPush?.({ cause: "policy", changed: applied.changed, pushed, ms, policyMs });
  };

  // A save is rebuilt at once, not after a quiet period: one rebuild at a time, and the files that change
  // while it runs decide what happens to its result (docs/serve.md "Push on change"):
  // - a file it read is no longer what it read: the rebuild saw a save half-way (or two files from two
  //   moments), so its result is neither served nor reported, and it runs again;
  // - only files it read changed, and each is now what it read (the rest of an editor's burst: a write, a
  //   rename, a chmod of the same text): its result is the saved policy, applied, with no second rebuild;
  // - any other file changed (one it did not read: added, or where an import failed to resolve): its
  //   result is applied and it runs once more, which sees that file.
  const touched = new Set<string>();
  let requested = false;
  let loop: Promise<void> | undefined;
  const readNow = (file: string): string | undefined => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  };
  const rebuildOnce = async (): Promise<void> => {
    requested = false;
    touched.clear();
    const start = performance.now();
    const result = await builder.rebuild();
    // fs.watch's callbacks run in libuv's poll phase, setImmediate's after it: the events of writes made
    // while the rebuild ran are in `touched` once this resolves.
    await new Promise<void>((resolveLater) => setImmediate(resolveLater));
    if (touched.size === 0) return apply(result, start);
    if ([...result.sources].some(([file, text]) => readNow(file) !== text)) {
      options.log("a file changed while the policy was rebuilt: building it again");
      requested = true;
      return;
    }
    if (!requested || [...touched].every((file) => result.sources.has(file))) requested = false;
    apply(result, start);
  };
  const rebuild = (): Promise<void> => {
    requested = true;
    loop ??= (async () => {
      while (requested) await rebuildOnce().catch((e) => options.log(`rebuild failed: ${e instanceof Error ? e.message : String(e)}`));
      loop = undefined;
    })();
    return loop;
  };

  // What the warm-up built is served only if nothing changed; otherwise a save came in between, and the
  // normal path rebuilds it now that the server listens.
  async function warmSavePath(): Promise<boolean> {
    const start = performance.now();
    const result = await builder.rebuild().catch(() => undefined);
    if (!result?.model || hasErrors(result.diagnostics)) return true;
    const next = modelSnapshot(result.model, served);
    const changes = changesBetween(served, next);
    if (changes.meshLevel || changes.services.size > 0) return true;
    zone.update(result.model, changes);
    model = result.model;
    served = next;
    options.log(`warmed the save path in ${Math.round(performance.now() - start)} ms`);
    return false;
  }
  if (pending) void rebuild();

  let watcher: FSWatcher | undefined;
  if (options.watch !== false) {
    const root = dirname(options.entry);
    watcher = watch(root, { recursive: true }, (_event, name) => {
      if (typeof name !== "string" || !/\.(?:[cm]?[jt]s)$/.test(name) || name.endsWith(".d.ts")) return;
      touched.add(resolve(root, name));
      void rebuild();
    });
  }

  return {
    ok: true,
    server: {
      port,
      rebuild,
      streams: server.streams,
      configs: zone.size,
      async close() {
        watcher?.close();
        options.endpoints.close();
        await loop;
        builder.close();
        await bundler.dispose();
        await server.close();
      },
    },
  };
}
