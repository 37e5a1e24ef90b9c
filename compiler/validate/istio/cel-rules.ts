// x-kubernetes-validations: each rule is parsed and planned once per process (the schemas are shared by every
// object of a build) and evaluated against `self`, the value at the rule's node. On create there is no `oldSelf`,
// so transition rules (those naming oldSelf) are skipped, as the API server skips them.
import { celEnv, type CelEnv, isCelError, parse, plan } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { kubernetesFunctions, SUPPORTED_CALLS } from "./cel-library";
import type { ValidationRule } from "./structural-schema";

type Expr = ReturnType<typeof parse>["expr"];

export interface CompiledRule {
  readonly rule: ValidationRule;
  readonly usesOldSelf: boolean;
  readonly evaluate: (self: unknown) => boolean | { readonly error: string };
  readonly message: ((self: unknown) => string | null) | null;
}

let env: CelEnv | null = null;
function environment(): CelEnv {
  env ??= celEnv({ funcs: [...strings, ...kubernetesFunctions] });
  return env;
}

/** Every function and identifier the expression names, so a rule calling something unimplemented fails at load. */
function names(expr: Expr | undefined, calls: Set<string>, idents: Set<string>): void {
  if (!expr) return;
  const k = expr.exprKind;
  switch (k.case) {
    case "callExpr":
      calls.add(k.value.function);
      names(k.value.target, calls, idents);
      for (const a of k.value.args) names(a, calls, idents);
      break;
    case "selectExpr":
      names(k.value.operand, calls, idents);
      break;
    case "identExpr":
      idents.add(k.value.name);
      break;
    case "listExpr":
      for (const e of k.value.elements) names(e, calls, idents);
      break;
    case "structExpr":
      for (const e of k.value.entries) {
        if (e.keyKind.case === "mapKey") names(e.keyKind.value, calls, idents);
        names(e.value, calls, idents);
      }
      break;
    case "comprehensionExpr":
      for (const e of [k.value.iterRange, k.value.accuInit, k.value.loopCondition, k.value.loopStep, k.value.result]) names(e, calls, idents);
      break;
    default:
      break;
  }
}

/** cel-go's wording for the errors @bufbuild/cel words its own way, so findings read as the API server's. */
function celGoError(message: string): string {
  const field = /^field not found: (.*)$/.exec(message);
  if (field) return `no such key: ${field[1]}`;
  if (message.startsWith("found no matching overload") || message === "no such overload") return `no such overload`;
  return message;
}

function compileExpression(text: string, parsed = parse(text)): (self: unknown) => unknown {
  const calls = new Set<string>();
  names(parsed.expr, calls, new Set());
  const missing = [...calls].filter((c) => !SUPPORTED_CALLS.has(c));
  if (missing.length) throw new Error(`CEL rule ${JSON.stringify(text)} calls ${missing.join(", ")}, which meshc's Istio validator does not implement`);
  const program = plan(environment(), parsed);
  return (self) => program({ self } as never);
}

/** The same rule text appears on many fields (159 rules in the distinct schemas, 36 distinct texts): compile each once. */
const compiledByText = new Map<string, CompiledRule>();

export function compileRule(rule: ValidationRule): CompiledRule {
  const id = JSON.stringify([rule.rule, rule.message, rule.messageExpression, rule.fieldPath, rule.reason]);
  let compiled = compiledByText.get(id);
  if (!compiled) {
    compiled = compileRuleOnce(rule);
    compiledByText.set(id, compiled);
  }
  return compiled;
}

function compileRuleOnce(rule: ValidationRule): CompiledRule {
  if (rule.fieldPath !== undefined || rule.reason !== undefined) throw new Error(`CEL rule ${JSON.stringify(rule.rule)}: fieldPath and reason are not implemented`);
  // @bufbuild/cel's parser takes milliseconds per rule, so each rule is parsed once, here.
  const parsed = parse(rule.rule);
  const idents = new Set<string>();
  names(parsed.expr, new Set(), idents);
  const usesOldSelf = idents.has("oldSelf");
  const program = usesOldSelf ? () => true : compileExpression(rule.rule, parsed);
  const evaluate = (self: unknown): boolean | { error: string } => {
    let result: unknown;
    try {
      result = program(self);
    } catch (e) {
      result = e;
    }
    if (isCelError(result)) return { error: celGoError(result.message) };
    if (result instanceof Error) return { error: result.message };
    if (typeof result !== "boolean") return { error: `rule did not evaluate to a bool` };
    return result;
  };
  const messageProgram = rule.messageExpression ? compileExpression(rule.messageExpression) : null;
  const message = messageProgram
    ? (self: unknown) => {
        const m = messageProgram(self);
        return typeof m === "string" && m.trim() !== "" && !m.includes("\n") ? m.trim() : null;
      }
    : null;
  return { rule, usesOldSelf, evaluate, message };
}

/** What the API server says when a rule is false (ruleMessageOrDefault). */
export function failureMessage(compiled: CompiledRule, self: unknown): string {
  const fromExpression = compiled.message?.(self);
  if (fromExpression) return fromExpression;
  const m = compiled.rule.message?.trim();
  return m ? m : `failed rule: ${compiled.rule.rule.trim()}`;
}

/** What the API server says when a rule cannot be evaluated (validation.go, validateExpressions). */
export function evaluationErrorMessage(compiled: CompiledRule, error: string): string {
  const ruleText = compiled.rule.message?.trim() || compiled.rule.rule.trim();
  if (error.startsWith("no such overload")) return `'${error}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleText}`;
  return `${error} evaluating rule: ${ruleText}`;
}
