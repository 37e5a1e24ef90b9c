// docs/diagnostics.md, generated from the one catalogue (codes.ts) and real examples: the rendered baselines of
// test/fixtures/invalid/ and of the loader's fixtures, or a short written example where a fixture would be slow
// or cannot exist. The doc test regenerates it in update mode and fails when a code is missing or the file is stale.
import { type Code, codes } from "./codes";

export interface CodeExample {
  /** Where the example comes from, e.g. `test/fixtures/invalid/MESH101-unknown-service`. */
  readonly source: string;
  /** The example as meshc prints it (pretty format). */
  readonly text: string;
}

const FAMILIES: readonly [string, string][] = [
  ["MESH0xx", "loading, sandbox, type check and normalization: the policy could not be read as data"],
  ["MESH1xx", "references and names: services, versions, namespaces, ports, zones"],
  ["MESH2xx", "routing: weights, unreachable routes, regexes, mirrors, and the routing tests"],
  ["MESH3xx", "resilience: retries, timeouts, overload protection, outlier ejection, rate limits"],
  ["MESH4xx", "security: access policy and mTLS"],
  ["MESH5xx", "zones and fault-injection drills"],
  ["MESH6xx", "traffic capture"],
  ["MESH7xx", "network literals: address families and ports"],
  ["MESH80x", "generated Envoy documents checked against Envoy's own API definitions"],
  ["MESH86x", "what the chosen Istio API or release cannot express"],
  ["MESH87x", "checks across the generated Istio objects: subsets, locality failover, hosts, apply waves"],
  ["MESH9xx", "internal errors"],
];

const RE2_SECTION = `## Regular expressions (MESH203)

Envoy evaluates \`regex\` matches with [RE2](https://github.com/google/re2/wiki/Syntax), and a match must cover
the whole header value, query value or path. meshc parses every regex with RE2's grammar and rejects what RE2
rejects:

- lookahead and lookbehind: \`(?=…)\`, \`(?!…)\`, \`(?<=…)\`, \`(?<!…)\`;
- backreferences (\`\\1\` … \`\\9\`), atomic groups \`(?>…)\`, possessive or doubled quantifiers (\`a*+\`, \`a**\`);
- repetition counts above 1000 (\`a{1001}\`), a quantifier with nothing to repeat (\`*a\`);
- escapes RE2 does not define (\`\\Z\`, \`\\G\`, \`\\K\`, \`\\C\` …), unknown Unicode classes, unbalanced \`( )\` and \`[ ]\`.

It accepts RE2's own spellings and gives them RE2's meaning when the routing tests evaluate them: \`(?P<name>…)\`,
flag groups \`(?i)\`, \`(?i:…)\`, \`(?s)\`, \`(?m)\`, \`(?U)\`, POSIX classes \`[[:digit:]]\`, \`\\pL\` / \`\\p{Greek}\`,
\`\\Q…\\E\`, \`\\x{10FFFF}\`, \`\\A\`, \`\\z\`, and a \`.\` that matches \`\\r\`. Not checked: Envoy's program-size limit
(\`re2.max_program_size\`), which depends on the compiled program; keep patterns short.
`;

const LOCATIONS_SECTION = `## Where a diagnostic points

Checks work on the mesh model; the locator finds the expression in the author's files through the TypeScript
syntax tree (no type check): services by name (\`service("orders", …)\` in whichever team file declares it), lists
by the author's index, object keys, and list elements by value for the lists the model sorts (\`calls\`,
\`allowFrom\`, a drill's \`zones\`, CIDR lists). It follows \`const\`s, imports (also \`import * as team\`), spreads,
shorthand properties, \`as const\`, \`satisfies\` and parentheses, so a value kept in a constant — also one imported
from another file — is reported where it is written, with a related note where it enters ("the value enters
here, through 'CLUSTER_CIDRS'"). A value a service inherits (a timeout, retries, overload limits, mTLS, capture
options) is reported where it is set: the route, else the service, else the mesh \`defaults\` / \`capture\`; the same
inherited mistake seen from several routes is reported once. A property is reported from its key (as tsc reports
object-literal errors); a service reference at its name (\`svc.stok\` → \`stok\`, the spot of TS2551). When a path
cannot be followed to the end (a computed value), the diagnostic points at the deepest expression reached.
`;

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function anchor(code: string): string {
  return code.toLowerCase();
}

/** The whole docs/diagnostics.md. */
export function renderCatalogueDoc(examples: ReadonlyMap<string, CodeExample>): string {
  const all = Object.keys(codes).sort() as Code[];
  const lines: string[] = [
    "# meshc diagnostics",
    "",
    "<!-- Generated from compiler/diagnostics/codes.ts and the fixtures' baselines by `npm run golden:update`",
    "     (test/docs/diagnostics-doc.test.ts). Do not edit by hand: edit codes.ts or the fixtures. -->",
    "",
    "Every problem meshc finds is a diagnostic with a stable code. A code is never renumbered or reused, so it",
    "can be searched for. Text output has tsc's shape — `file:line:col  severity CODE  message`, the source line",
    "with a squiggle under the offending expression, a hint, and related locations — and `--json` gives the",
    "same data as documented in [cli.md](cli.md#meshc-check---json). Errors fail the build (exit status 1, nothing",
    "written); warnings are reported and the build goes on. TypeScript's own errors keep their `TSnnnn` codes.",
    "",
    "| Family | What it covers |",
    "|---|---|",
    ...FAMILIES.map(([f, what]) => `| ${f} | ${what} |`),
    "",
    "## Every code",
    "",
    "| Code | Severity | What is wrong | How to fix it |",
    "|---|---|---|---|",
    ...all.map((c) => `| [${c}](#${anchor(c)}) | ${codes[c].severity} | ${cell(codes[c].title)} | ${cell(codes[c].fix)} |`),
    "",
    LOCATIONS_SECTION,
    RE2_SECTION,
    "## Codes in detail",
    "",
  ];
  for (const c of all) {
    const info = codes[c];
    const example = examples.get(c);
    lines.push(`### ${c}`, "", `**${info.severity}** — ${info.title}.`, "", `**Fix:** ${info.fix}`, "");
    if (example) {
      lines.push(`Example (${example.source}):`, "", "```text", example.text.replace(/\s+$/, ""), "```", "");
    }
  }
  return lines.join("\n").replace(/\n{3,}/g, "\n\n");
}
