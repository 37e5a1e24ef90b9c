// The two sides of `meshc diff`, each a policy entry (built in memory, nothing written), a build output
// folder (its model.json and manifest.json), or the entry at a git revision (git-revision.ts).
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { build, type BuildResult } from "../build";
import { hasErrors } from "../diagnostics/diagnostic";
import { MANIFEST_FILE, type Manifest } from "../emit/manifest";
import type { MeshModel } from "../model";
import type { DiffSide } from "../review/diff/semantic-diff";
import { checkoutRevision } from "./git-revision";

export type SideResult = { readonly ok: true; readonly side: DiffSide } | { readonly ok: false; readonly failed: BuildResult } | { readonly ok: false; readonly usage: string };

const MODEL_FILE = "model.json";

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

function fromFolder(folder: string, label: string): SideResult {
  const modelFile = join(folder, MODEL_FILE);
  if (!existsSync(modelFile)) return { ok: false, usage: `${label} is a folder without ${MODEL_FILE}: not a meshc build output` };
  let model: MeshModel;
  try {
    model = readJson<MeshModel>(modelFile);
  } catch (error) {
    return { ok: false, usage: `${modelFile} is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (model.schemaVersion !== 1) return { ok: false, usage: `${modelFile} has model schema ${String(model.schemaVersion)}; this meshc reads schema 1` };
  const manifestFile = join(folder, MANIFEST_FILE);
  return { ok: true, side: { label, model, manifest: existsSync(manifestFile) ? readJson<Manifest>(manifestFile) : null } };
}

async function fromEntry(entry: string, label: string, drills: readonly string[]): Promise<SideResult> {
  // The Envoy proto check is the build's job; a diff only compares what the targets produce.
  const result = await build({ entry, checker: "none", drills, validate: false });
  if (!result.model || !result.artifacts || hasErrors(result.diagnostics)) return { ok: false, failed: result };
  const manifest = result.artifacts.find((a) => a.path === MANIFEST_FILE);
  return { ok: true, side: { label, model: result.model, manifest: manifest ? (JSON.parse(manifest.content) as Manifest) : null } };
}

export async function loadSide(spec: string, drills: readonly string[]): Promise<SideResult> {
  if (!existsSync(spec)) return { ok: false, usage: `not found: ${spec}` };
  return statSync(spec).isDirectory() ? fromFolder(spec, spec) : fromEntry(resolve(spec), spec, drills);
}

/** Only the model (graph, report): a folder's model.json, or an entry checked without running the targets. */
export async function loadModel(spec: string): Promise<SideResult> {
  if (!existsSync(spec)) return { ok: false, usage: `not found: ${spec}` };
  if (statSync(spec).isDirectory()) return fromFolder(spec, spec);
  const result = await build({ entry: resolve(spec), checker: "none", emit: false });
  if (!result.model || hasErrors(result.diagnostics)) return { ok: false, failed: result };
  return { ok: true, side: { label: spec, model: result.model, manifest: null } };
}

export async function loadRevision(entry: string, rev: string, drills: readonly string[]): Promise<SideResult> {
  let checkout;
  try {
    checkout = checkoutRevision(entry, rev);
  } catch (error) {
    return { ok: false, usage: error instanceof Error ? error.message : String(error) };
  }
  try {
    if (!existsSync(checkout.entry)) return { ok: false, usage: `${entry} does not exist at ${rev}` };
    return await fromEntry(checkout.entry, `git:${rev}`, drills);
  } finally {
    checkout.remove();
  }
}
