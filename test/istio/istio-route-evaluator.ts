// An independent evaluator of generated VirtualServices and DestinationRules: what Istio's sidecars would do
// with one request. It reads only the Istio objects (parsed from the emitted YAML), never the mesh model:
// - the VirtualService whose `hosts` holds the request's host;
// - its first `http` route with no `match`, or with a match request that holds: every field of one entry must
//   hold (uri, method, headers, queryParams, sourceLabels, port, withoutHeaders), entries are ORed;
// - StringMatch: exact, prefix, regex (RE2, whole value: Istio hands it to Envoy's safe_regex);
//   header names case-insensitive, `uri` without the query string;
// - the destination with the largest weight (a lone destination takes all), first on a tie;
// - its subset's labels from the DestinationRule of the destination host.
// A field it does not know fails loudly, so a new kind of match cannot be silently ignored.
import { fullMatch } from "../../compiler/simulate";

// Parsed YAML of Istio objects: the evaluator reads them field by field.
export type Obj = Record<string, any>;

export interface IstioRequest {
  readonly host: string;
  readonly port: number;
  readonly method: string;
  readonly path: string;
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly query: readonly { readonly name: string; readonly value: string }[];
  /** The calling pod's labels. */
  readonly sourceLabels: Readonly<Record<string, string>>;
}

export interface IstioOutcome {
  readonly route: string;
  readonly host: string;
  readonly subset: string | undefined;
  /** The labels of the pods the subset selects (from the DestinationRule). */
  readonly labels: Readonly<Record<string, string>> | undefined;
  readonly fault: Obj | undefined;
  /** Every destination of the matched route: the version its subset selects and its weight (Istio: absent = 100). */
  readonly split: readonly { readonly version: string | undefined; readonly weight: number }[];
}

function stringMatches(m: Obj, value: string | undefined): boolean {
  if (value === undefined) return false;
  const keys = Object.keys(m);
  if (keys.length !== 1) throw new Error(`a StringMatch has exactly one of exact/prefix/regex: ${JSON.stringify(m)}`);
  if ("exact" in m) return value === m.exact;
  if ("prefix" in m) return value.startsWith(m.prefix);
  if ("regex" in m) return fullMatch(m.regex, value);
  throw new Error(`unsupported StringMatch ${JSON.stringify(m)}`);
}

function header(req: IstioRequest, name: string): string | undefined {
  return req.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

const MATCH_FIELDS = new Set(["uri", "method", "headers", "queryParams", "sourceLabels", "port", "withoutHeaders"]);

function matchRequestHolds(m: Obj, req: IstioRequest): boolean {
  for (const key of Object.keys(m)) if (!MATCH_FIELDS.has(key)) throw new Error(`the evaluator does not know match field '${key}'`);
  const path = req.path.split("?")[0]!;
  if (m.uri && !stringMatches(m.uri, path)) return false;
  if (m.method && !stringMatches(m.method, req.method.toUpperCase())) return false;
  if (m.port !== undefined && m.port !== req.port) return false;
  for (const [name, sm] of Object.entries((m.headers ?? {}) as Obj)) if (!stringMatches(sm, header(req, name))) return false;
  for (const [name, sm] of Object.entries((m.withoutHeaders ?? {}) as Obj)) if (stringMatches(sm, header(req, name))) return false;
  for (const [name, sm] of Object.entries((m.queryParams ?? {}) as Obj)) if (!stringMatches(sm, req.query.find((q) => q.name === name)?.value)) return false;
  for (const [name, value] of Object.entries((m.sourceLabels ?? {}) as Obj)) if (req.sourceLabels[name] !== value) return false;
  return true;
}

function routeHolds(route: Obj, req: IstioRequest): boolean {
  const matches = route.match as Obj[] | undefined;
  return !matches || matches.length === 0 || matches.some((m) => matchRequestHolds(m, req));
}

function heaviest(destinations: Obj[]): Obj {
  if (destinations.length === 1) return destinations[0]!;
  return destinations.reduce((best, d) => ((d.weight ?? 0) > (best.weight ?? 0) ? d : best));
}

export function evaluateIstio(objects: readonly Obj[], req: IstioRequest): IstioOutcome | null {
  const services = objects.filter((o) => o.kind === "VirtualService" && (o.spec.hosts as string[]).includes(req.host));
  if (services.length !== 1) throw new Error(`${services.length} VirtualServices claim ${req.host}`);
  const route = ((services[0]!.spec.http ?? []) as Obj[]).find((r) => routeHolds(r, req));
  if (!route) return null;
  const destination = heaviest(route.route as Obj[]).destination as Obj;
  const rule = objects.find((o) => o.kind === "DestinationRule" && o.spec.host === destination.host);
  const subset = (rule?.spec.subsets as Obj[] | undefined)?.find((s) => s.name === destination.subset);
  const versionOf = (d: Obj) => ((rule?.spec.subsets as Obj[] | undefined)?.find((s) => s.name === d.subset)?.labels as Record<string, string> | undefined)?.version;
  const split = (route.route as Obj[]).map((r) => ({ version: versionOf(r.destination as Obj), weight: (r.weight as number | undefined) ?? 100 }));
  return { route: route.name, host: destination.host, subset: destination.subset, labels: subset?.labels, fault: route.fault, split };
}
