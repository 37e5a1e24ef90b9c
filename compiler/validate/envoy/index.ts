// `meshc validate` for Envoy: every generated Envoy document checked strictly against Envoy's own API
// definitions, as Envoy's loader would: the proto3 JSON mapping (unknown fields, JSON types, enum names,
// oneofs), every Any by its @type, and protoc-gen-validate rules. Not checked: what only Envoy's C++ code
// knows (e.g. that a route names a cluster that exists, or that a filter's `name` fits its typed_config),
// and PGV's clock-relative timestamp rules (lt_now, gt_now, within).
import { checkBudget } from "../../budget";
import { type CleanCache, NO_CACHE } from "../clean-cache";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { CleanSubtrees, type SubtreeMemo } from "./clean-subtrees";
import { type EnvoyDocumentKind, envoyDocuments } from "./documents";
import { fieldPath, shownPath } from "./field-path";
import { type Issue, IssueList } from "./issue";
import { type JsonNode, parseJsonTree } from "./json-tree";
import { readPlainBlock } from "./plain-block-reader";
import { envoyProtos, messageType } from "./proto-registry";
import { type ByKindAndText, memoized, placeItemIssues, ResourceSplits } from "./resource-items";
import { TYPE_URL_PREFIX, validateMessage } from "./validate-message";

export type { EnvoyDocumentKind } from "./documents";
export type { Issue } from "./issue";
export { envoyProtos } from "./proto-registry";
export { ByKindAndText } from "./resource-items";
export { CleanSubtrees } from "./clean-subtrees";

/** The one code checkResourceTypes reports, after the walk. */
const RESOURCE_TYPE_CODE = "MESH808";

/** Checks that every xDS resource in a DiscoveryResponse file is of the file's resource type. */
function checkResourceTypes(root: JsonNode, expected: string, issues: IssueList): void {
  if (root.kind !== "object") return;
  const resources = root.entries.find((e) => e.key === "resources")?.value;
  if (resources?.kind !== "array") return;
  resources.items.forEach((item, i) => {
    if (item.kind !== "object") return;
    const type = item.entries.find((e) => e.key === "@type")?.value;
    if (type?.kind === "string" && type.value !== TYPE_URL_PREFIX + expected && messageType(type.value.slice(TYPE_URL_PREFIX.length))) {
      issues.error(RESOURCE_TYPE_CODE, fieldPath(fieldPath("resources", i), "@type"), "xDS resource type", `this file holds ${expected} resources, but this one is ${type.value.slice(TYPE_URL_PREFIX.length)}`, type);
    }
  });
}

/** The findings of the walk over a parsed document. */
function treeIssues(kind: EnvoyDocumentKind, root: JsonNode, memo?: SubtreeMemo): Issue[] {
  const issues = new IssueList();
  const doc = envoyDocuments[kind];
  const type = messageType(doc.message);
  if (!type) throw new Error(`Envoy's API has no ${doc.message}: the proto load is incomplete`);
  validateMessage(type, root, "", issues, { pgv: true, memo });
  if (doc.resource) checkResourceTypes(root, doc.resource, issues);
  return issues.items;
}

/**
 * The findings for one document, as data (tests read `path` and `rule`). A document in meshc's own plain block
 * layout is read by the fast reader first; whether a finding exists depends only on the tree's keys and values,
 * which that reader gives exactly, so a document it finds clean is clean. A document with any finding is read
 * again with the full parser, whose offsets the findings carry. `memo` holds the messages found clean earlier in
 * the same run (clean-subtrees.ts); it is used on the fast reader's tree only.
 */
export function envoyIssues(kind: EnvoyDocumentKind, text: string, memo?: CleanSubtrees): Issue[] {
  const fast = readPlainBlock(text);
  if (fast && treeIssues(kind, fast, memo && { memo, text }).length === 0) return [];
  return fullEnvoyIssues(kind, text);
}

/** The findings for one document through the full YAML parser only (the reference `envoyIssues` must equal). */
export function fullEnvoyIssues(kind: EnvoyDocumentKind, text: string): Issue[] {
  const issues = new IssueList();
  const parsed = parseJsonTree(text);
  for (const e of parsed.errors) issues.error(e.code, "", "YAML", e.message.split("\n")[0]!, e.at);
  if (parsed.errors.length || !parsed.root) return issues.items;
  return treeIssues(kind, parsed.root);
}

function asDiagnostics(fileName: string, issues: readonly Issue[]): Diagnostic[] {
  return issues.map((issue) => ({
    code: issue.code,
    severity: issue.severity,
    message: `${fileName}: ${shownPath(issue.path)}: ${issue.message} [${issue.rule}]`,
    span: { file: fileName, start: issue.at.start, length: Math.max(0, issue.at.end - issue.at.start) },
  }));
}

/** Validates one Envoy document; each finding is a MESH8xx diagnostic naming the file, the field path and the rule. */
export function validateEnvoy(kind: EnvoyDocumentKind, fileName: string, text: string): Diagnostic[] {
  return asDiagnostics(fileName, envoyIssues(kind, text));
}

/**
 * The same findings as `envoyIssues`, for many documents: each distinct document text, and each distinct
 * resource of an xDS file, is checked once (resource-items.ts says why that cannot change a finding); a text
 * `cache` holds as clean from an earlier build is not checked at all, and one found clean is added to it. `known`
 * holds findings already computed elsewhere (compiler/validate/both-cores.ts), of whole files or of one resource's
 * documents, `splits` the run's split files. `byFile` false: a file's findings are not kept by its text, only its
 * documents' and resources' (a thread that must not keep the files it is sent: with `splits` that keep nothing,
 * those are strings of their own).
 */
export function sharedEnvoyIssues(cache: CleanCache = NO_CACHE, known?: ByKindAndText<Issue[]>, splits = new ResourceSplits(), byFile = true): (kind: EnvoyDocumentKind, text: string) => Issue[] {
  const subtrees = new CleanSubtrees();
  const check = memoized((kind, text) => {
    if (cache.has(`envoy:${kind}`, text)) return [];
    const issues = known?.get(kind, text) ?? envoyIssues(kind, text, subtrees);
    if (!issues.length) cache.add(`envoy:${kind}`, text);
    return issues;
  });
  const file = (kind: EnvoyDocumentKind, text: string): Issue[] => {
    const answered = known?.get(kind, text);
    if (answered) return answered;
    const split = envoyDocuments[kind].resource ? splits.of(text) : null;
    if (!split) return check(kind, text);
    // In the order the whole-document walk reports them: every item's field findings, then the resource types.
    const fields: Issue[] = [];
    const types: Issue[] = [];
    const { items, documents } = split;
    for (let i = 0; i < items.length; i++) {
      const one = placeItemIssues(check(kind, documents[i]!), items[i]!, i);
      if (!one) return check(kind, text);
      for (const issue of one) (issue.code === RESOURCE_TYPE_CODE ? types : fields).push(issue);
    }
    return [...fields, ...types];
  };
  return byFile ? memoized(file) : file;
}

/** The kind of an Envoy artifact by its file name, or undefined for files that are not Envoy documents. */
export function envoyKindOf(path: string): EnvoyDocumentKind | undefined {
  const m = /(?:^|\/)(bootstrap|lds|cds|rds|eds)(-xds)?\.ya?ml$/.exec(path);
  if (!m || (m[2] && m[1] !== "bootstrap")) return undefined;
  return m[1] as EnvoyDocumentKind;
}

/** Validates every Envoy document among a build's artifacts (for `meshc build` and `meshc validate`). */
export function validateEnvoyArtifacts(artifacts: readonly { readonly path: string; readonly content: string }[], issuesOf = sharedEnvoyIssues()): Diagnostic[] {
  return artifacts.flatMap((a) => {
    checkBudget();
    const kind = a.path.startsWith("envoy/") ? envoyKindOf(a.path) : undefined;
    return kind ? asDiagnostics(a.path, issuesOf(kind, a.content)) : [];
  });
}

/** Loads Envoy's protos now (once per process) and says how long it took. */
export function warmEnvoyProtos(): { files: number; loadMs: number } {
  const r = envoyProtos();
  return { files: r.files, loadMs: r.loadMs };
}
