// The policy's files as syntax trees (ts-morph, parse only: no program, no type check), and the few facts the
// locator needs from them: where `defineMesh({...})` and each `service("<name>", {...})` are, and what an
// identifier, a shorthand property or an imported name stands for. Policies are data written as `const`s and
// object literals, so following a name to its initializer — in this file or through an import — is exact.
import { dirname, resolve } from "node:path";
import { type CallExpression, type Expression, Node, Project, type SourceFile, SyntaxKind, ts } from "ts-morph";

/** Where a value came from: an expression, or a whole module reached through `import * as team`. */
export type Value = { readonly kind: "node"; readonly node: Node } | { readonly kind: "module"; readonly file: SourceFile };

const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", "/index.ts", "/index.js"];
const MAX_HOPS = 64;

export class SourceIndex {
  private readonly project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true, noResolve: true } });
  /** Files are parsed on first use: a big mesh with one finding parses the few files the finding's path needs. */
  private readonly parsed = new Map<string, SourceFile>();
  private readonly names = new Map<string, Set<string>>();
  private readonly calls = new Map<string, CallExpression[]>();
  private readonly scanned = new Set<string>();
  private mesh: CallExpression | null | undefined;

  constructor(private readonly sources: ReadonlyMap<string, string>, readonly entry: string) {}

  file(path: string): SourceFile | undefined {
    let file = this.parsed.get(path);
    const text = this.sources.get(path);
    if (!file && text !== undefined) {
      file = this.project.createSourceFile(path, text, { overwrite: true, scriptKind: /\.[cm]?jsx?$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS });
      this.parsed.set(path, file);
    }
    return file;
  }

  private allFiles(): SourceFile[] {
    return [...this.sources.keys()].flatMap((p) => this.file(p) ?? []);
  }

  /** The local names `meshc`'s `service`, `svc` and `defineMesh` go by in a file (they may be renamed on import). */
  meshcName(file: SourceFile, exported: "service" | "svc" | "defineMesh"): Set<string> {
    const key = `${file.getFilePath()}\0${exported}`;
    let names = this.names.get(key);
    if (names) return names;
    names = new Set<string>();
    for (const decl of file.getImportDeclarations()) {
      if (decl.getModuleSpecifierValue() !== "meshc") continue;
      for (const spec of decl.getNamedImports()) {
        if (spec.getName() === exported) names.add(spec.getAliasNode()?.getText() ?? exported);
      }
    }
    if (names.size === 0) names.add(exported);
    this.names.set(key, names);
    return names;
  }

  /** The `defineMesh({...})` call: the entry's default export first, else the first one in any file. */
  meshCall(): CallExpression | undefined {
    if (this.mesh === undefined) this.mesh = this.findMeshCall() ?? null;
    return this.mesh ?? undefined;
  }

  private findMeshCall(): CallExpression | undefined {
    const entry = this.file(this.entry);
    const fromDefault = entry ? this.defaultExport(entry) : undefined;
    if (fromDefault && Node.isCallExpression(fromDefault) && this.isCallTo(fromDefault, "defineMesh")) return fromDefault;
    for (const file of entry ? [entry, ...this.allFiles()] : this.allFiles()) {
      const call = file.getDescendantsOfKind(SyntaxKind.CallExpression).find((c) => this.isCallTo(c, "defineMesh"));
      if (call) return call;
    }
    return undefined;
  }

  private defaultExport(file: SourceFile): Node | undefined {
    const assignment = file.getExportAssignment((a) => !a.isExportEquals());
    if (!assignment) return undefined;
    const value = this.follow(assignment.getExpression()).value;
    return value.kind === "node" ? value.node : undefined;
  }

  isCallTo(call: CallExpression, exported: "service" | "defineMesh"): boolean {
    const callee = call.getExpression();
    if (Node.isIdentifier(callee)) return this.meshcName(call.getSourceFile(), exported).has(callee.getText());
    // `meshc.service(...)` through `import * as meshc from "meshc"`.
    return Node.isPropertyAccessExpression(callee) && callee.getName() === exported;
  }

  /**
   * The `service(name, spec)` calls of a name, in file order. Files whose text does not hold the name as a
   * string are skipped unless no file does (then the name is computed, e.g. from a const, and all are read).
   */
  serviceCalls(name: string): CallExpression[] {
    const quoted = [JSON.stringify(name), `'${name}'`, `\`${name}\``];
    const likely = [...this.sources].filter(([, text]) => quoted.some((q) => text.includes(q))).map(([p]) => p);
    this.scan(likely);
    if (!this.calls.has(name)) this.scan([...this.sources.keys()]);
    const paths = [...this.sources.keys()];
    const rank = (c: CallExpression) => paths.indexOf(c.getSourceFile().getFilePath());
    return [...(this.calls.get(name) ?? [])].sort((a, b) => rank(a) - rank(b) || a.getStart() - b.getStart());
  }

  private scan(paths: readonly string[]): void {
    for (const path of paths) {
      if (this.scanned.has(path)) continue;
      this.scanned.add(path);
      const file = this.file(path);
      if (!file) continue;
      for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        if (!this.isCallTo(call, "service")) continue;
        const [nameArg] = call.getArguments();
        const found = nameArg ? this.staticString(nameArg) : undefined;
        if (found === undefined) continue;
        const list = this.calls.get(found) ?? [];
        list.push(call);
        this.calls.set(found, list);
      }
    }
  }

  /** Strips what does not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x`. */
  unwrap(node: Node): Node {
    let n = node;
    for (;;) {
      if (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isSatisfiesExpression(n) || Node.isNonNullExpression(n) || Node.isTypeAssertion(n)) {
        n = n.getExpression();
      } else return n;
    }
  }

  /**
   * What an expression stands for: identifiers are followed to their `const` initializer (also across imports),
   * `team.orders` on a namespace import to the export. `hops` lists the identifiers passed through.
   */
  follow(start: Node): { value: Value; hops: Node[] } {
    const hops: Node[] = [];
    let node = this.unwrap(start);
    for (let i = 0; i < MAX_HOPS; i++) {
      if (Node.isIdentifier(node)) {
        const target = this.resolveIdentifier(node);
        if (!target) break;
        hops.push(node);
        if (target.kind === "module") return { value: target, hops };
        node = this.unwrap(target.node);
        continue;
      }
      if (Node.isElementAccessExpression(node) && !this.isServiceRef(node)) {
        // `ZONES[0]`, `limits["orders"]` on a const array or object literal.
        const arg = node.getArgumentExpression();
        const key = arg ? this.staticString(arg) : undefined;
        const owner = this.follow(node.getExpression());
        const o = owner.value.kind === "node" ? owner.value.node : undefined;
        let member: Node | undefined;
        if (key !== undefined && o && Node.isArrayLiteralExpression(o) && /^\d+$/.test(key)) member = o.getElements()[Number(key)];
        if (key !== undefined && o && Node.isObjectLiteralExpression(o)) {
          const prop = o.getProperty((p) => Node.isPropertyAssignment(p) && p.getName().replace(/^["']|["']$/g, "") === key);
          member = prop && Node.isPropertyAssignment(prop) ? prop.getInitializer() : undefined;
        }
        if (!member || Node.isSpreadElement(member)) break;
        hops.push(...owner.hops, node);
        node = this.unwrap(member);
        continue;
      }
      if (Node.isPropertyAccessExpression(node) && !this.isServiceRef(node)) {
        const owner = this.follow(node.getExpression());
        const member = owner.value.kind === "module" ? this.exported(owner.value.file, node.getName()) : undefined;
        if (!member) break;
        hops.push(...owner.hops, node);
        if (member.kind === "module") return { value: member, hops };
        node = this.unwrap(member.node);
        continue;
      }
      break;
    }
    return { value: { kind: "node", node }, hops };
  }

  /** `svc.orders` / `svc["orders"]`: a service reference, a leaf the locator never walks into. */
  isServiceRef(node: Node): boolean {
    if (!Node.isPropertyAccessExpression(node) && !Node.isElementAccessExpression(node)) return false;
    const owner = node.getExpression();
    return Node.isIdentifier(owner) && this.meshcName(node.getSourceFile(), "svc").has(owner.getText());
  }

  /** The referenced name of `svc.x` / `svc["x"]`, with the node that spells it. */
  serviceRefName(node: Node): { name: string; at: Node } | undefined {
    if (!this.isServiceRef(node)) return undefined;
    if (Node.isPropertyAccessExpression(node)) return { name: node.getName(), at: node.getNameNode() };
    if (Node.isElementAccessExpression(node)) {
      const arg = node.getArgumentExpression();
      const name = arg ? this.staticString(arg) : undefined;
      return name === undefined || !arg ? undefined : { name, at: arg };
    }
    return undefined;
  }

  /** The string an expression evaluates to, when it is written statically (literals, consts, `svc.x`, a service). */
  staticString(node: Node): string | undefined {
    const value = this.follow(node).value;
    if (value.kind !== "node") return undefined;
    const n = value.node;
    if (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n)) return n.getLiteralValue();
    if (Node.isNumericLiteral(n)) return String(n.getLiteralValue());
    const ref = this.serviceRefName(n);
    if (ref) return ref.name;
    if (Node.isCallExpression(n) && this.isCallTo(n, "service")) {
      const [nameArg] = n.getArguments();
      return nameArg ? this.staticString(nameArg) : undefined;
    }
    return undefined;
  }

  private resolveIdentifier(id: Node): Value | undefined {
    const name = id.getText();
    const file = id.getSourceFile();
    // A local `const` (innermost scope first), then the file's imports.
    for (let scope: Node | undefined = id.getParent(); scope; scope = scope.getParent()) {
      if (!Node.isStatemented(scope)) continue;
      for (const statement of scope.getVariableStatements()) {
        const decl = statement.getDeclarations().find((d) => d.getName() === name);
        const init = decl?.getInitializer();
        if (init && decl && decl.getNameNode() !== id) return { kind: "node", node: init };
      }
    }
    for (const decl of file.getImportDeclarations()) {
      const target = this.importedFile(file, decl.getModuleSpecifierValue());
      if (!target) continue;
      if (decl.getNamespaceImport()?.getText() === name) return { kind: "module", file: target };
      if (decl.getDefaultImport()?.getText() === name) return this.exported(target, "default");
      for (const spec of decl.getNamedImports()) {
        if ((spec.getAliasNode()?.getText() ?? spec.getName()) === name) return this.exported(target, spec.getName());
      }
    }
    return undefined;
  }

  private importedFile(from: SourceFile, specifier: string): SourceFile | undefined {
    if (!specifier.startsWith(".")) return undefined;
    const base = resolve(dirname(from.getFilePath()), specifier);
    const candidates = [...EXTENSIONS.map((e) => base + e), base.replace(/\.js$/, ".ts"), base.replace(/\.mjs$/, ".mts")];
    for (const path of candidates) {
      const file = this.sources.has(path) ? this.file(path) : undefined;
      if (file) return file;
    }
    return undefined;
  }

  /** An export of a module by name: `export const x = …`, `export { y as x }`, `export default …`, `export * from`. */
  exported(file: SourceFile, name: string, depth = 0): Value | undefined {
    if (depth > MAX_HOPS) return undefined;
    if (name === "default") {
      const d = file.getExportAssignment((a) => !a.isExportEquals());
      if (d) return { kind: "node", node: d.getExpression() };
    }
    for (const statement of file.getVariableStatements()) {
      if (!statement.isExported()) continue;
      const decl = statement.getDeclarations().find((d) => d.getName() === name);
      const init = decl?.getInitializer();
      if (init) return { kind: "node", node: init };
    }
    for (const decl of file.getExportDeclarations()) {
      const target = decl.getModuleSpecifierValue() ? this.importedFile(file, decl.getModuleSpecifierValue()!) : file;
      if (!target) continue;
      if (!decl.hasNamedExports()) {
        const ns = decl.getNamespaceExport();
        if (ns && ns.getName() === name) return { kind: "module", file: target };
        if (!ns && target !== file) {
          const found = this.exported(target, name, depth + 1);
          if (found) return found;
        }
        continue;
      }
      for (const spec of decl.getNamedExports()) {
        if ((spec.getAliasNode()?.getText() ?? spec.getName()) !== name) continue;
        if (target !== file) return this.exported(target, spec.getName(), depth + 1);
        const local = this.resolveIdentifier(spec.getNameNode());
        if (local) return local;
      }
    }
    return undefined;
  }

  /** A module's exported names in the order a module namespace object lists them (sorted, as ES modules do). */
  exportNames(file: SourceFile): string[] {
    const names = new Set<string>();
    for (const s of file.getVariableStatements()) if (s.isExported()) for (const d of s.getDeclarations()) names.add(d.getName());
    for (const d of file.getExportDeclarations()) for (const spec of d.getNamedExports()) names.add(spec.getAliasNode()?.getText() ?? spec.getName());
    return [...names].sort();
  }

  argument(call: CallExpression, index: number): Expression | undefined {
    return call.getArguments()[index] as Expression | undefined;
  }
}
