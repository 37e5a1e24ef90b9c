// Which sidecar config a connecting node gets. A node says who it is in its first request: metadata
// namespace/service/version (bootstrap.ts writes them) and its locality zone. That claim alone decides only
// when the server runs without TLS. With TLS the client certificate must prove it: the SPIFFE ID in its URI
// SAN (spiffe://cluster.local/ns/<namespace>/sa/<service>, the identity the mesh's mTLS gives each service)
// must be the claimed service's, or the node gets nothing. The shape follows the client: gRPC's xDS client
// names itself in `user_agent_name` ("gRPC Node Pure JS", "gRPC Go" …); anything else is an Envoy sidecar.
import type { Workload } from "../model";
import { spiffeId, type XdsShape } from "../target-registry";
import { structToJson } from "./proto-json";

export interface NodeClaim {
  readonly id: string;
  readonly zone: string;
  readonly namespace: string;
  readonly service: string;
  readonly version: string;
  readonly shape: XdsShape;
}

export type Identity = { readonly ok: true; readonly workload: Workload; readonly shape: XdsShape; readonly claim: NodeClaim } | { readonly ok: false; readonly reason: string };

/** The claim of a decoded envoy.config.core.v3.Node. */
export function nodeClaim(node: any): NodeClaim {
  const metadata = structToJson(node?.metadata);
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const agent = text(node?.user_agent_name);
  return {
    id: text(node?.id),
    zone: text(node?.locality?.zone),
    namespace: text(metadata.namespace),
    service: text(metadata.service),
    version: text(metadata.version),
    shape: /^grpc/i.test(agent) ? "grpc" : "envoy",
  };
}

/** The URI SANs of a peer certificate as Node's TLS reports them ("URI:spiffe://…, DNS:…"). */
export function uriSans(subjectaltname: string | undefined): string[] {
  return (subjectaltname ?? "").split(/,\s*/).flatMap((s) => (s.startsWith("URI:") ? [s.slice(4)] : []));
}

export interface IdentifyInput {
  readonly claim: NodeClaim;
  readonly zone: string;
  readonly workload: (service: string, version: string) => Workload | undefined;
  /** The peer certificate's subjectaltname; undefined when the server runs without TLS. */
  readonly certificateSans: string | undefined;
  readonly tls: boolean;
}

export function identify(input: IdentifyInput): Identity {
  const { claim } = input;
  const who = `node ${JSON.stringify(claim.id)}`;
  if (claim.zone !== input.zone) return { ok: false, reason: `${who} is in zone ${JSON.stringify(claim.zone)}; this server serves ${JSON.stringify(input.zone)}` };
  const workload = input.workload(claim.service, claim.version);
  if (!workload) return { ok: false, reason: `${who} claims ${claim.service}-${claim.version}, which the policy does not define` };
  if (workload.service.namespace !== claim.namespace) return { ok: false, reason: `${who} claims namespace ${JSON.stringify(claim.namespace)}; ${claim.service} runs in ${workload.service.namespace}` };
  if (input.tls) {
    const expected = spiffeId(workload.service);
    const sans = uriSans(input.certificateSans);
    if (!sans.includes(expected)) return { ok: false, reason: `${who} claims ${claim.service}, but its certificate proves ${sans.length ? sans.join(", ") : "no SPIFFE identity"} (expected ${expected})` };
  }
  return { ok: true, workload, shape: claim.shape, claim };
}
