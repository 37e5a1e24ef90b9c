import { child } from "../diagnostics/model-path";
import { shown } from "../diagnostics/shown";
import type { Collector } from "./context";

/**
 * True for the first spelling of a header in one match (or one test request); false, with MESH114 at
 * the later spelling, when the same header was already named in another case. Both conditions would apply
 * to the one header a request carries, so the route could never match (unless both accept the same value):
 * the first spelling is kept. Names that are equal as written are one JavaScript key and never get here.
 */
export function firstSpelling(c: Collector, seen: Map<string, string>, name: string, folded: string, at: string): boolean {
  const earlier = seen.get(folded);
  if (earlier === undefined) {
    seen.set(folded, name);
    return true;
  }
  c.report("MESH114", child(at, name), `headers ${shown(earlier)} and ${shown(name)} are one header (names are case-insensitive): a request cannot satisfy both conditions.`, "keep one of them", [
    { path: child(at, earlier), message: "the same header, named here first" },
  ]);
  return false;
}
