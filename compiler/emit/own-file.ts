// Replacing one file meshc generates next to the author's sources (`meshc types` writes meshc-env.d.ts):
// only a missing file or one meshc wrote (its first line is meshc's header) is replaced, never an author's
// file of the same name, a folder or a device; through a symbolic link, the file it points to is written and
// the link stays. The new text goes to a temporary sibling renamed over the old file, so an editor or a
// type check never reads half a file; a sibling a kill left behind is removed by the next write.
import { lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { asOutputError, refused } from "./output-error";
import { outputTarget } from "./output-folder";
import { removeStaleTemporaries, temporaryFileName } from "./temporaries";

/** Writes `content` to `path` if the file there is missing or starts with `header`; returns the path written. */
export function replaceOwnFile(path: string, content: string, header: string): string {
  const { target, parent, base, exists } = (() => {
    try {
      return outputTarget(path);
    } catch (error) {
      throw asOutputError(error, path);
    }
  })();
  const shown = target === path ? path : `${path} (→ ${target})`;
  let temporary: string | undefined;
  try {
    if (exists) {
      if (!lstatSync(target).isFile()) throw refused(shown, "it is not a regular file");
      const first = readFileSync(target, "utf8").split("\n", 1)[0];
      if (first !== header) throw refused(shown, `it was not written by meshc (its first line is not ${JSON.stringify(header)})`, "move the file away (or delete it) and run the command again");
    }
    removeStaleTemporaries(parent, base, true);
    temporary = join(parent, temporaryFileName(base));
    writeFileSync(temporary, content, { flag: "wx" });
    renameSync(temporary, target);
    return target;
  } catch (error) {
    if (temporary) rmSync(temporary, { force: true });
    throw asOutputError(error, path);
  }
}
