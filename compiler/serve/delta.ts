// Incremental ADS (DeltaAggregatedResources): the client says what it subscribes to and unsubscribes from,
// and which versions it already holds (initial_resource_versions, on reconnect); the server sends only
// resources that are new or changed for it, and names the ones that are gone in removed_resources.
// Listeners and clusters are wildcard unless the client names them; routes and endpoints are by name.
// A NACK is logged with the client's error; the client keeps what it had, and a rejected version of a
// resource is not sent again (only a newer one is).
// https://www.envoyproxy.io/docs/envoy/latest/api-docs/xds_protocol#incremental-xds
import type { ServerDuplexStream } from "@grpc/grpc-js";
import type { SidecarSnapshot } from "./snapshot";
import { setVersion, type StreamContext, type XdsStream } from "./stream-context";
import { deltaDiscoveryResponse } from "./wire";
import { type EncodedResource, isTypeUrl, isWildcardType, PUSH_ORDER, shortType, type TypeUrl } from "./xds-types";

interface TypeState {
  wildcard: boolean;
  names: Set<string>;
  /** What the client holds: name → version. */
  has: Map<string, string>;
  rejected: Map<string, string>;
  /**
   * Per unanswered nonce: the names it changed (sent, then removed) with what the client held of each before
   * (undefined: nothing), and how many of them were sent. Lists, not maps: a stream's first responses carry
   * every resource of its config, and 2 000 streams' worth of per-resource map entries was garbage to collect.
   */
  pending: Map<string, { names: string[]; before: (string | undefined)[]; sent: EncodedResource[] }>;
}

export function deltaStream(call: ServerDuplexStream<any, any>, ctx: StreamContext): void {
  let config: SidecarSnapshot | undefined;
  let nodeId = "";
  let nonces = 0;
  const types = new Map<TypeUrl, TypeState>();

  const send = (type: TypeUrl, state: TypeState, always: boolean) => {
    const all = config!.byType.get(type)!;
    // A wildcard subscription is the whole set (names it also holds are in it, or gone); otherwise the names.
    const resources: EncodedResource[] = [];
    const candidates = state.wildcard ? all.values() : [...state.names].map((name) => all.get(name));
    for (const r of candidates) if (r !== undefined && state.has.get(r.name) !== r.version && state.rejected.get(r.name) !== r.version) resources.push(r);
    const removed: string[] = [];
    for (const name of state.has.keys()) if (!all.has(name) && (state.wildcard || state.names.has(name))) removed.push(name);
    if (!resources.length && !removed.length && !always) return;
    const nonce = String(++nonces);
    const names: string[] = [];
    const before: (string | undefined)[] = [];
    for (const r of resources) (names.push(r.name), before.push(state.has.get(r.name)), state.has.set(r.name, r.version));
    for (const name of removed) (names.push(name), before.push(state.has.get(name)), state.has.delete(name));
    state.pending.set(nonce, { names, before, sent: resources });
    call.write(deltaDiscoveryResponse(setVersion(all), resources, type, removed, nonce));
  };
  const stream: XdsStream = {
    push(next) {
      config = next;
      for (const type of PUSH_ORDER) {
        const state = types.get(type);
        if (state) send(type, state, false);
      }
    },
  };

  call.on("data", (request: any) => {
    if (!config) {
      config = ctx.attach(request.node, call, stream);
      if (!config) return;
      nodeId = String(request.node?.id ?? "");
    }
    const type = String(request.type_url ?? "");
    if (!isTypeUrl(type)) return ctx.log(`node ${nodeId}: ${type || "an empty type"} is not served`);
    const subscribe: string[] = request.resource_names_subscribe ?? [];
    const unsubscribe: string[] = request.resource_names_unsubscribe ?? [];
    let state = types.get(type);
    const first = !state;
    if (!state) {
      const initial = Object.entries((request.initial_resource_versions ?? {}) as Record<string, string>);
      state = { wildcard: isWildcardType(type) && (subscribe.length === 0 || subscribe.includes("*")), names: new Set(), has: new Map(initial), rejected: new Map(), pending: new Map() };
      types.set(type, state);
    }
    const nonce = String(request.response_nonce ?? "");
    const answered = nonce ? state.pending.get(nonce) : undefined;
    // A plain ACK (or a stale nonce) changes nothing send() reads: every request and every push ends in a
    // send() of its types, which leaves nothing new to send. So it is answered by nothing, without the
    // walk over the whole set that would find that out (half of a sidecar's requests are such ACKs).
    if (!first && !subscribe.length && !unsubscribe.length && !request.error_detail) {
      if (answered) state.pending.delete(nonce);
      return;
    }
    if (answered) {
      state.pending.delete(nonce);
      if (request.error_detail) {
        ctx.log(`node ${nodeId} NACKed ${shortType(type)} ${answered.sent.map((r) => r.name).join(", ") || "(removals)"}: ${request.error_detail.message ?? ""}`);
        answered.names.forEach((name, i) => {
          const version = answered.before[i];
          if (version === undefined) state.has.delete(name);
          else state.has.set(name, version);
        });
        for (const r of answered.sent) state.rejected.set(r.name, r.version);
      }
    }
    for (const name of subscribe) (name === "*" ? (state.wildcard = true) : state.names.add(name));
    for (const name of unsubscribe) {
      if (name === "*") state.wildcard = false;
      else (state.names.delete(name), state.has.delete(name));
    }
    send(type, state, first && state.wildcard);
  });
  call.on("end", () => {
    ctx.detach(stream);
    call.end();
  });
  call.on("error", () => ctx.detach(stream));
  call.on("cancelled", () => ctx.detach(stream));
}
