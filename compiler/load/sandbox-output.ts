// Reads what the sandbox left: the JSON text of a PlainDataOutcome. It comes from code the policy could
// have tampered with, so it is parsed as untrusted input: the envelope's form is checked, every "$kind"
// object must have exactly its fields, nesting is bounded (checked without recursion), and anything else
// is an internal error, never a crash of the host.
import { codes, type Code } from "../diagnostics/codes";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { MAX_DEPTH, type PlainDataIssue } from "./plain-data";
import type { SerializedKind, SerializedMesh } from "./serialized";

export type SandboxOutput = { readonly ok: true; readonly mesh: SerializedMesh } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const FIELDS: Readonly<Record<SerializedKind, readonly string[]>> = {
  mesh: ["$kind", "spec"],
  service: ["$kind", "name", "spec"],
  "service-ref": ["$kind", "name"],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Why `value` is not a well-formed serialized value, or undefined if it is. */
function formError(value: unknown): string | undefined {
  // The serializer's own depth limit, plus the mesh wrapper and one level of slack.
  const limit = MAX_DEPTH + 2;
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [v, depth] = next;
    if (typeof v !== "object" || v === null) continue;
    if (depth > limit) return `it is nested more than ${limit} levels deep`;
    if (Array.isArray(v)) {
      for (const item of v) pending.push([item, depth + 1]);
      continue;
    }
    const record = v as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.includes("$kind")) {
      // hasOwn: a forged "$kind" such as "constructor" must not find Object.prototype's members.
      const fields = typeof record.$kind === "string" && Object.hasOwn(FIELDS, record.$kind) ? FIELDS[record.$kind as SerializedKind] : undefined;
      if (!fields) return `it holds an unknown $kind ${JSON.stringify(record.$kind)}`;
      if (keys.length !== fields.length || !fields.every((f) => keys.includes(f))) return `it holds a ${String(record.$kind)} with the fields ${keys.join(", ")}`;
    }
    for (const key of keys) if (key !== "$kind") pending.push([record[key], depth + 1]);
  }
  return undefined;
}

function isIssue(value: unknown): value is PlainDataIssue {
  return isRecord(value) && typeof value.path === "string" && typeof value.reason === "string";
}

function diagnostic(code: Code, message: string, path?: string): Diagnostic {
  return { code, severity: codes[code].severity, message, ...(path !== undefined ? { path } : {}) };
}

/** The mesh, or diagnostics without a span (the caller points them at the entry's default export). */
export function readSandboxOutput(text: string): SandboxOutput {
  const malformed = (why: string): SandboxOutput => ({ ok: false, diagnostics: [diagnostic("MESH900", `the sandbox returned a malformed result: ${why}.`)] });
  let outcome: unknown;
  try {
    outcome = JSON.parse(text);
  } catch {
    return malformed("it is not JSON");
  }
  if (!isRecord(outcome)) return malformed("it is not an object");
  if (outcome.ok === true) {
    const mesh = outcome.mesh;
    if (!isRecord(mesh) || mesh.$kind !== "mesh") return malformed("it holds no mesh");
    const why = formError(mesh);
    return why === undefined ? { ok: true, mesh: mesh as unknown as SerializedMesh } : malformed(why);
  }
  if (typeof outcome.notMesh === "string") {
    const message =
      outcome.notMesh === "nothing"
        ? "the entry file has no default export; it must `export default defineMesh({ ... })`."
        : `the entry file's default export is ${outcome.notMesh}, not a mesh made with defineMesh({ ... }).`;
    return { ok: false, diagnostics: [diagnostic("MESH008", message)] };
  }
  if (Array.isArray(outcome.issues) && outcome.issues.length > 0 && outcome.issues.every(isIssue)) {
    const issues = outcome.issues as PlainDataIssue[];
    return { ok: false, diagnostics: issues.map((i) => diagnostic("MESH011", `${i.path || "the default export"} ${i.reason}.`, i.path)) };
  }
  return malformed("its envelope has an unknown form");
}
