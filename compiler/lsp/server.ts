// `meshc lsp`: a language server over stdio that runs beside the TypeScript one (TypeScript 7 loads no
// language-service plugins). After each change it builds the document's policy — load, normalize and the
// semantic checks, no type check and no targets (the TypeScript server already reports type errors) — from a
// mirror of the policy's folder holding the editor's unsaved text, and publishes the MESH findings with their
// related locations; it offers the quick fixes meshc knows and hovers `svc.x` references.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CodeActionKind, type Connection, type Diagnostic, Hover, MarkupKind, type Range, TextDocuments, TextDocumentSyncKind } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { build } from "../build";
import { type PolicyBundler, policyBundler } from "../load";
import type { MeshModel } from "../model";
import { entryOf } from "./entry-of";
import { hoverText, referenceAt } from "./hover";
import { lspDiagnostics } from "./lsp-diagnostics";
import { type PolicyMirror, policyMirror } from "./policy-mirror";
import { quickFixes } from "./quick-fixes";

/** Keystrokes arrive in bursts; one build per pause. */
const SETTLE_MS = 80;

interface Policy {
  readonly entry: string;
  readonly mirror: PolicyMirror;
  /** Kept across the policy's builds: a keystroke's build parses again only the file it changed. */
  readonly bundler: PolicyBundler;
  model: MeshModel | null;
  published: Set<string>;
  timer: ReturnType<typeof setTimeout> | null;
  running: Promise<void> | null;
  again: boolean;
}

export interface ServerOptions {
  /** Called after each build with its wall time, for the benchmark. */
  readonly onBuilt?: (entry: string, ms: number) => void;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const policies = new Map<string, Policy>();
  let configured: string | null = null;

  const policyOf = (uri: string): Policy | undefined => {
    if (!uri.startsWith("file:")) return undefined;
    const file = fileURLToPath(uri);
    const entry = entryOf(file, configured);
    if (!entry) return undefined;
    let p = policies.get(entry);
    if (!p) {
      p = { entry, mirror: policyMirror(entry.slice(0, entry.lastIndexOf("/"))), bundler: policyBundler(), model: null, published: new Set(), timer: null, running: null, again: false };
      policies.set(entry, p);
    }
    return p;
  };

  async function rebuild(p: Policy): Promise<void> {
    const started = performance.now();
    const result = await build({ entry: p.mirror.inMirror(p.entry), checker: "none", emit: false, load: { bundler: p.bundler } });
    if (result.model) p.model = result.model;
    const byUri = lspDiagnostics(result.diagnostics, p.mirror.real, (path) => result.sources.get(path));
    for (const [uri, list] of byUri) void connection.sendDiagnostics({ uri, diagnostics: list });
    // Every open document of the policy hears after each build, so an editor clears what was fixed.
    const open = documents.all().filter((d) => policyOf(d.uri) === p).map((d) => d.uri);
    for (const uri of new Set([...p.published, ...open])) if (!byUri.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    p.published = new Set(byUri.keys());
    options.onBuilt?.(p.entry, performance.now() - started);
  }

  function schedule(p: Policy): void {
    if (p.timer) clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      p.timer = null;
      if (p.running) {
        p.again = true;
        return;
      }
      p.running = rebuild(p)
        .catch((error) => connection.console.error(`meshc: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          p.running = null;
          if (p.again) {
            p.again = false;
            schedule(p);
          }
        });
    }, SETTLE_MS);
  }

  connection.onInitialize((params) => {
    const entry = (params.initializationOptions as { entry?: unknown } | undefined)?.entry;
    configured = typeof entry === "string" && entry ? entry : null;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
      },
      serverInfo: { name: "meshc" },
    };
  });

  documents.onDidChangeContent(({ document }) => {
    const p = policyOf(document.uri);
    if (!p) return;
    p.mirror.write(fileURLToPath(document.uri), document.getText());
    schedule(p);
  });

  documents.onDidClose(({ document }) => {
    const p = policyOf(document.uri);
    if (!p) return;
    // The editor dropped its unsaved text: the file on disk is what counts again.
    const file = fileURLToPath(document.uri);
    try {
      p.mirror.write(file, readFileSync(file, "utf8"));
    } catch {
      // a file that is gone stays as it was in the mirror until the next change
    }
    schedule(p);
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const text = (range: Range) => doc.getText(range);
    return quickFixes(params.textDocument.uri, params.context.diagnostics as Diagnostic[], text);
  });

  connection.onHover((params): Hover | null => {
    const doc = documents.get(params.textDocument.uri);
    const p = doc ? policyOf(doc.uri) : undefined;
    if (!doc || !p?.model) return null;
    const line = doc.getText({ start: { line: params.position.line, character: 0 }, end: { line: params.position.line + 1, character: 0 } });
    const name = referenceAt(line, params.position.character);
    const value = name ? hoverText(p.model, name) : undefined;
    return value ? { contents: { kind: MarkupKind.Markdown, value } } : null;
  });

  connection.onShutdown(() => {
    for (const p of policies.values()) {
      p.mirror.dispose();
      void p.bundler.dispose();
    }
  });

  documents.listen(connection);
  connection.listen();
}
