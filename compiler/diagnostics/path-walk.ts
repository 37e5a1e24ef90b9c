// Walks a model path (`services.orders.routes[1].when.headers["x-account-id"]`) down the author's syntax:
// object literals by key (spreads included, the last definition winning as at run time), array literals by the
// author's index (spreads of known arrays flattened), list elements by value (`calls[="inventory"]`), through
// consts, imports and namespace imports. When a step cannot be taken the walk stops, and the deepest node
// reached is the answer: never a guess.
import { type CallExpression, Node } from "ts-morph";
import { parseCidr } from "../normalize/address";
import { type PathSegment, parsePath } from "./model-path";
import type { SourceIndex, Value } from "./source-index";

export interface Walk {
  /** The node to report: the offending expression, or the deepest node reached. */
  readonly anchor: Node;
  /** How many segments were followed; equal to the path's length when the walk completed. */
  readonly reached: number;
  readonly complete: boolean;
  /** The first identifier the value passed through (`routes: sharedRoutes`), where it enters the path's owner. */
  readonly via?: Node;
}

function sameText(actual: string, wanted: string, loose: boolean): boolean {
  if (actual === wanted) return true;
  if (!loose) return false;
  // The model lower-cases header names, methods and hosts, and prints addresses and CIDRs canonically.
  if (actual.toLowerCase() === wanted.toLowerCase()) return true;
  const a = parseCidr(actual);
  const w = parseCidr(wanted);
  return a !== null && w !== null && a.text === w.text;
}

function propertyName(index: SourceIndex, prop: Node): string | undefined {
  if (!Node.isPropertyAssignment(prop) && !Node.isShorthandPropertyAssignment(prop)) return undefined;
  const name = prop.getNameNode();
  if (Node.isIdentifier(name)) return name.getText();
  if (Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name) || Node.isNumericLiteral(name)) return String(name.getLiteralValue());
  if (Node.isComputedPropertyName(name)) return index.staticString(name.getExpression());
  return undefined;
}

/** The property of an object literal that defines `key` at run time (later ones win; spreads looked into). */
function findProperty(index: SourceIndex, object: Node, key: string, loose: boolean, depth = 0): Node | undefined {
  if (!Node.isObjectLiteralExpression(object) || depth > 16) return undefined;
  const props = object.getProperties();
  for (let i = props.length - 1; i >= 0; i--) {
    const prop = props[i]!;
    if (Node.isSpreadAssignment(prop)) {
      const spread = index.follow(prop.getExpression()).value;
      const inner = spread.kind === "node" ? findProperty(index, spread.node, key, loose, depth + 1) : undefined;
      if (inner) return inner;
      continue;
    }
    const name = propertyName(index, prop);
    if (name !== undefined && sameText(name, key, loose)) return prop;
  }
  return undefined;
}

/** An array literal's elements as the evaluated list has them: spreads of known arrays flattened. */
function elements(index: SourceIndex, array: Node, depth = 0): Node[] | undefined {
  if (!Node.isArrayLiteralExpression(array) || depth > 16) return undefined;
  const out: Node[] = [];
  for (const e of array.getElements()) {
    if (Node.isSpreadElement(e)) {
      const spread = index.follow(e.getExpression()).value;
      const inner = spread.kind === "node" ? elements(index, spread.node, depth + 1) : undefined;
      if (!inner) return out.length ? [...out, e] : undefined; // past an unknown spread, indexes are unknown
      out.push(...inner);
    } else out.push(e);
  }
  return out;
}

interface Step {
  readonly value: Value;
  readonly anchor: Node;
  readonly via?: Node;
}

/** Enters a value that is itself a meshc call: its spec is what keys address. */
function content(index: SourceIndex, value: Value): Value {
  if (value.kind !== "node" || !Node.isCallExpression(value.node)) return value;
  const call = value.node;
  const arg = index.isCallTo(call, "service") ? index.argument(call, 1) : index.isCallTo(call, "defineMesh") ? index.argument(call, 0) : undefined;
  return arg ? index.follow(arg).value : value;
}

function stepInto(index: SourceIndex, from: Value, segment: PathSegment): Step | undefined {
  const value = content(index, from);
  if (typeof segment === "string") {
    if (value.kind === "module") {
      const member = index.exported(value.file, segment);
      if (!member) return undefined;
      const followed = member.kind === "node" ? index.follow(member.node) : { value: member, hops: [] };
      return { value: followed.value, anchor: member.kind === "node" ? member.node : value.file };
    }
    const prop = findProperty(index, value.node, segment, false) ?? findProperty(index, value.node, segment, true);
    if (!prop) return undefined;
    const written = Node.isShorthandPropertyAssignment(prop) ? prop.getNameNode() : (prop as Node & { getInitializer(): Node }).getInitializer();
    const followed = index.follow(written);
    const reached = followed.value.kind === "node" ? followed.value.node : undefined;
    // A service reference is reported at its name, where tsc reports a misspelled `svc.x` too.
    const ref = reached ? index.serviceRefName(reached) : undefined;
    const anchor = ref ? ref.at : reached && followed.hops.length > 0 ? reached : prop;
    return { value: followed.value, anchor, via: followed.hops[0] };
  }
  if (value.kind !== "node") return undefined;
  const list = elements(index, value.node);
  if (!list) return undefined;
  let element: Node | undefined;
  if (typeof segment === "number") element = list[segment];
  else {
    const texts = list.map((e) => (Node.isSpreadElement(e) ? undefined : index.staticString(e)));
    const at = texts.findIndex((t) => t !== undefined && sameText(t, segment.value, false));
    const loose = at >= 0 ? at : texts.findIndex((t) => t !== undefined && sameText(t, segment.value, true));
    element = loose >= 0 ? list[loose] : undefined;
  }
  if (!element || Node.isSpreadElement(element)) return undefined;
  const followed = index.follow(element);
  const node = followed.value.kind === "node" ? followed.value.node : element;
  const ref = index.serviceRefName(node);
  const anchor = ref ? ref.at : followed.hops.length ? node : element;
  return { value: followed.value, anchor, via: followed.hops[0] };
}

/** The service declarations of a name, in the order normalize meets them (the mesh's `services`, depth first). */
export function declarationsOf(index: SourceIndex, name: string): CallExpression[] {
  const calls = index.serviceCalls(name);
  if (calls.length < 2) return calls;
  const order: Node[] = [];
  const seen = new Set<Node>();
  const visit = (value: Value, depth: number): void => {
    if (depth > 8) return;
    if (value.kind === "module") {
      for (const key of index.exportNames(value.file)) {
        const member = index.exported(value.file, key);
        if (member) visit(member.kind === "node" ? index.follow(member.node).value : member, depth + 1);
      }
      return;
    }
    const node = value.node;
    if (seen.has(node)) return;
    seen.add(node);
    if (Node.isCallExpression(node) && index.isCallTo(node, "service")) order.push(node);
    else if (Node.isArrayLiteralExpression(node)) for (const e of elements(index, node) ?? []) visit(index.follow(e).value, depth + 1);
    else if (Node.isObjectLiteralExpression(node)) {
      for (const p of node.getProperties()) {
        const init = Node.isPropertyAssignment(p) ? p.getInitializer() : Node.isShorthandPropertyAssignment(p) ? p.getNameNode() : undefined;
        if (init) visit(index.follow(init).value, depth + 1);
      }
    }
  };
  const mesh = index.meshCall();
  const services = mesh ? stepInto(index, { kind: "node", node: mesh }, "services") : undefined;
  if (services) visit(services.value, 0);
  const rank = (c: CallExpression) => {
    const i = order.indexOf(c);
    return i < 0 ? order.length : i;
  };
  return [...calls].sort((a, b) => rank(a) - rank(b));
}

/** Walks a model path; `pick` chooses among several declarations of one service (MESH100 wants the second). */
export function walkPath(index: SourceIndex, path: string | readonly PathSegment[], pick = 0): Walk | undefined {
  const segments = typeof path === "string" ? parsePath(path) : path;
  let current: Step;
  let reached: number;
  if (segments[0] === "services" && typeof segments[1] === "string") {
    const calls = declarationsOf(index, segments[1]);
    const call = calls[Math.min(pick, calls.length - 1)];
    if (!call) {
      const services = walkPath(index, ["mesh", "services"]);
      return services ? { ...services, reached: Math.min(services.reached, 1), complete: false } : undefined;
    }
    const nameArg = index.argument(call, 0) ?? call;
    const spec = index.argument(call, 1);
    current = { value: spec ? index.follow(spec).value : { kind: "node", node: call }, anchor: nameArg };
    reached = 2;
  } else if (segments[0] === "mesh") {
    const call = index.meshCall();
    if (!call) return undefined;
    current = { value: { kind: "node", node: call }, anchor: call.getExpression() };
    reached = 1;
  } else return undefined;
  let via: Node | undefined;
  for (; reached < segments.length; reached++) {
    const next = stepInto(index, current.value, segments[reached]!);
    if (!next) break;
    via ??= next.via;
    current = next;
  }
  return { anchor: current.anchor, reached, complete: reached === segments.length, ...(via ? { via } : {}) };
}
