// What Envoy's C++ checks of a `safe_regex` that no proto rule says: the pattern must compile under RE2, and
// its RE2 program must stay within `re2.max_program_size.error_level` (default 100), or Envoy refuses the
// whole document (source/common/common/regex.cc). meshc checks author regexes before any target runs
// (MESH203/MESH206); this is the second net, for any regex a target writes.
import { checkRe2, ENVOY_MAX_PROGRAM_SIZE } from "../../simulate";
import { fieldPath } from "./field-path";
import type { IssueList } from "./issue";
import type { JsonNode } from "./json-tree";

export const REGEX_LIMIT_CODE = "MESH207";

/** Called for every envoy.type.matcher.v3.RegexMatcher the walk meets (route, header and query matchers). */
export function checkRegexMatcher(node: JsonNode, path: string, issues: IssueList): void {
  if (node.kind !== "object") return;
  const regex = node.entries.find((e) => e.key === "regex")?.value;
  if (regex?.kind !== "string") return;
  const result = checkRe2(regex.value);
  const at = fieldPath(path, "regex");
  if (!result.ok) issues.error(REGEX_LIMIT_CODE, at, "RE2 syntax", `RE2 refuses this regex: ${result.error}`, regex);
  else if (result.programSize > ENVOY_MAX_PROGRAM_SIZE) {
    issues.error(REGEX_LIMIT_CODE, at, `re2.max_program_size.error_level = ${ENVOY_MAX_PROGRAM_SIZE}`, `the RE2 program of this regex has more than ${ENVOY_MAX_PROGRAM_SIZE} instructions, so Envoy refuses it`, regex);
  }
}
