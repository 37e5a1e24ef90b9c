// The in-process checker: TypeScript 6.0, the last compiler written in JavaScript, as bundled by ts-morph.
// The registry lives only in memory, at the path where `meshc types` would write it (next to the entry), so
// it replaces a stale meshc-env.d.ts on disk even when a policy file references that file explicitly.
import { dirname, join, resolve } from "node:path";
import { Project, ts } from "ts-morph";
import type { Diagnostic, Severity } from "../diagnostics/diagnostic";
import { COMPILER_OPTIONS } from "./compiler-options";
import { policyFilePredicate } from "./policy-files";
import { REGISTRY_FILE } from "./registry";
import type { TypecheckInput } from "./typecheck-input";

function severityOf(category: ts.DiagnosticCategory): Severity | undefined {
  if (category === ts.DiagnosticCategory.Error) return "error";
  if (category === ts.DiagnosticCategory.Warning) return "warning";
  return undefined;
}

function toDiagnostic(d: ts.Diagnostic): Diagnostic | undefined {
  const severity = severityOf(d.category);
  if (!severity) return undefined;
  const code = `TS${d.code}`;
  // The same text `tsc --pretty false` prints: the chain's levels on separate lines, indented two spaces each.
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (!d.file || d.start === undefined) return { code, severity, message };
  return { code, severity, message, span: { file: resolve(d.file.fileName), start: d.start, length: d.length ?? 0 } };
}

/** Type-checks the policy with TypeScript 6 in this process. */
export async function checkWithTs6(input: TypecheckInput): Promise<Diagnostic[]> {
  const root = resolve(input.root);
  const { options, errors } = ts.convertCompilerOptionsFromJson(COMPILER_OPTIONS, root);
  if (errors.length > 0) return errors.flatMap((e) => toDiagnostic(e) ?? []);
  const project = new Project({ compilerOptions: options, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const entry = input.files[0] ? resolve(input.files[0]) : join(root, "index.ts");
  // First in the program, so its declarations come first when interfaces merge.
  project.createSourceFile(join(dirname(entry), REGISTRY_FILE), input.registry, { overwrite: true });
  for (const file of input.files) project.addSourceFileAtPath(resolve(file));
  project.resolveSourceFileDependencies();
  const program = project.getProgram().compilerObject;
  const isPolicyFile = policyFilePredicate(root, input.files);
  const found: ts.Diagnostic[] = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const sourceFile of program.getSourceFiles()) {
    if (!isPolicyFile(sourceFile.fileName)) continue;
    found.push(...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile));
  }
  return found.flatMap((d) => toDiagnostic(d) ?? []);
}
