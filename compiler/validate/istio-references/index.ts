// Checks across the generated Istio objects that no per-object schema can make, run by every build on the
// target's own output read back as YAML (so they hold for what is written, not for what the target meant):
// - MESH870 every subset a VirtualService routes or mirrors to is defined by the DestinationRule of its host;
// - MESH871 a DestinationRule that fails over by locality has outlier detection (Istio ignores failover otherwise);
// - MESH872 no two VirtualServices claim the same host;
// - MESH873 a VirtualService is applied in a later wave than the DestinationRules it names (make-before-break).
// Hosts are compared as written: meshc writes every host as its FQDN.
import { codes } from "../../diagnostics/codes";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { fullDocumentsOf, type IstioDocument, istioDocumentsByZone, type ParsedTexts } from "./istio-documents";

export type { ParsedTexts } from "./istio-documents";

type Code = "MESH870" | "MESH871" | "MESH872" | "MESH873";

function finding(code: Code, doc: IstioDocument, message: string): Diagnostic {
  return { code, severity: codes[code].severity, message: `${doc.file}: ${doc.kind} ${doc.namespace}/${doc.name}: ${message}`, span: { file: doc.file, start: doc.offset, length: 0 } };
}

function list(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** Every destination a VirtualService names: route destinations of http, tcp and tls routes, and mirrors. */
function destinations(vs: IstioDocument): { host: string; subset: string | undefined }[] {
  const routes = [...list(vs.spec.http), ...list(vs.spec.tcp), ...list(vs.spec.tls)];
  const named = routes.flatMap((r) => [...list(r.route).map((d) => d?.destination), r.mirror, ...list(r.mirrors).map((m) => m?.destination)]);
  return named.filter((d) => d && typeof d.host === "string").map((d) => ({ host: d.host as string, subset: typeof d.subset === "string" ? d.subset : undefined }));
}

function checkZone(docs: readonly IstioDocument[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const rules = new Map<string, IstioDocument>();
  for (const dr of docs.filter((d) => d.kind === "DestinationRule")) {
    rules.set(String(dr.spec.host), dr);
    const lb = dr.spec.trafficPolicy?.loadBalancer?.localityLbSetting;
    // A rule that sets locality load balancing and does not turn it off (Istio's default is on).
    if (lb && lb.enabled !== false && !lb.distribute && !dr.spec.trafficPolicy?.outlierDetection) {
      out.push(finding("MESH871", dr, `locality load balancing is on for ${dr.spec.host}, but without outlierDetection Istio never fails over to another zone.`));
    }
  }
  const claimed = new Map<string, IstioDocument>();
  for (const vs of docs.filter((d) => d.kind === "VirtualService")) {
    for (const host of list(vs.spec.hosts).map(String)) {
      const earlier = claimed.get(host);
      if (earlier) out.push(finding("MESH872", vs, `host ${host} is also claimed by VirtualService ${earlier.namespace}/${earlier.name} (${earlier.file}).`));
      else claimed.set(host, vs);
    }
    const seen = new Set<string>();
    for (const d of destinations(vs)) {
      const key = `${d.host}|${d.subset ?? ""}`;
      if (seen.has(key) || d.subset === undefined) continue;
      seen.add(key);
      const dr = rules.get(d.host);
      const subsets = list(dr?.spec.subsets).map((s) => s?.name);
      if (!dr || !subsets.includes(d.subset)) {
        out.push(finding("MESH870", vs, `subset '${d.subset}' of ${d.host} is not defined${dr ? ` by DestinationRule ${dr.namespace}/${dr.name} (subsets: ${subsets.join(", ") || "none"})` : ": no DestinationRule has that host"}.`));
      } else if (vs.wave === undefined || dr.wave === undefined || vs.wave <= dr.wave) {
        out.push(finding("MESH873", vs, `it is applied in wave ${vs.wave ?? "?"}, not after DestinationRule ${dr.namespace}/${dr.name} (wave ${dr.wave ?? "?"}) whose subset '${d.subset}' it names.`));
      }
    }
  }
  return out;
}

/**
 * The findings across the build's Istio objects. They are looked for on the fast reading (istio-documents.ts); a
 * build with any finding is read again by the full parser alone, whose findings (and offsets) are the result.
 */
export function checkIstioReferences(artifacts: readonly { readonly path: string; readonly content: string }[], parsed?: ParsedTexts): Diagnostic[] {
  const found = [...istioDocumentsByZone(artifacts, parsed).values()].flatMap(checkZone);
  return found.length ? fullIstioReferences(artifacts) : found;
}

/** The findings through the full parser only (the reference `checkIstioReferences` must equal). */
export function fullIstioReferences(artifacts: readonly { readonly path: string; readonly content: string }[]): Diagnostic[] {
  return [...istioDocumentsByZone(artifacts, new Map(), fullDocumentsOf).values()].flatMap(checkZone);
}
