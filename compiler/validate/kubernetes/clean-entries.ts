// Whether a kustomization is clean, entry by entry, with what each entry was found to be kept (issue 19). A
// one-service rebuild (`meshc build --watch`) validates every zone's kustomization again, ~2 000 configMapGenerator
// entries at 1 000 services, almost all as they were: kustomization-text.ts hands over the same entry object for an
// entry whose text did not change, and an entry found clean is kept with the files it read. It is clean again while
// those files hold the same contents: what it generates, and so every finding about it, depends on nothing else.
//
// Only "clean" is answered here. Any doubt (an entry not seen, a file changed, a problem, a finding, two entries of
// one ConfigMap) answers false, and the caller finds the findings the full way (kustomization.ts), offsets and all.
import { isObject, type KustomizationProblem, readGenerator, readKustomization } from "./config-map-generator";
import { knownClean, rememberClean } from "./clean-objects";
import { NOWHERE, objectFindings } from "./object-findings";

interface CleanEntry {
  /** `namespace/name` of the ConfigMap it generates. */
  readonly id: string;
  /** The root-relative paths it read, and what each held. */
  readonly paths: readonly string[];
  readonly contents: readonly string[];
}

/** By entry, then by the kustomization it was found clean in (findings name it; zones share their capture entries). */
const entries = new WeakMap<object, Map<string, CleanEntry>>();

function stillClean(known: CleanEntry | undefined, read: (path: string) => string | undefined): known is CleanEntry {
  return known !== undefined && known.paths.every((path, i) => read(path) === known.contents[i]);
}

async function checkEntry(entry: object, at: string, file: string, read: (path: string) => string | undefined): Promise<CleanEntry | undefined> {
  const paths: string[] = [];
  const contents: string[] = [];
  const recorded = (path: string) => {
    const content = read(path);
    if (content !== undefined) (paths.push(path), contents.push(content));
    return content;
  };
  const problems: KustomizationProblem[] = [];
  const generated = readGenerator(entry, at, recorded, problems);
  if (!generated || problems.length) return undefined;
  const object = generated.configMap.object;
  if (!knownClean(object)) {
    if ((await objectFindings(NOWHERE, file, object)).length) return undefined;
    rememberClean(object);
  }
  return { id: generated.id, paths, contents };
}

/**
 * True only if the kustomization `value` of `file` has no finding: no problem outside its entries (readKustomization
 * on the rest), every object file listed, and each entry clean and the only one of its ConfigMap.
 */
export async function cleanByEntries(file: string, value: unknown, objectFiles: readonly string[], read: (path: string) => string | undefined): Promise<boolean> {
  if (!isObject(value) || !Array.isArray(value.configMapGenerator)) return false;
  const rest = readKustomization({ ...value, configMapGenerator: [] }, read);
  if (rest.problems.length) return false;
  const listed = new Set(rest.resources);
  if (objectFiles.some((name) => !listed.has(name))) return false;
  const ids = new Set<string>();
  const generators = value.configMapGenerator as unknown[];
  for (let i = 0; i < generators.length; i++) {
    const entry = generators[i];
    if (!isObject(entry)) return false;
    let byFile = entries.get(entry);
    if (!byFile) entries.set(entry, (byFile = new Map()));
    let known = byFile.get(file);
    if (!stillClean(known, read)) {
      known = await checkEntry(entry, `/configMapGenerator/${i}`, file, read);
      if (!known) return false;
      byFile.set(file, known);
    }
    if (ids.has(known.id)) return false;
    ids.add(known.id);
  }
  return true;
}
