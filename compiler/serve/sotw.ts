// State-of-the-world ADS (StreamAggregatedResources), as Envoy and gRPC implement it
// (https://www.envoyproxy.io/docs/envoy/latest/api-docs/xds_protocol): per type a version and a nonce; a
// request carrying the latest nonce ACKs it, or NACKs it with error_detail (logged with the client's own
// error, and the client keeps the version it last accepted); a request with an older nonce is stale and
// ignored. Listeners and clusters are sent whole (wildcard); routes and endpoints only as named. A reconnect
// that already holds the current version (version_info, no nonce) is not sent it again.
import type { ServerDuplexStream } from "@grpc/grpc-js";
import type { SidecarSnapshot } from "./snapshot";
import { type StreamContext, versionOf, type XdsStream } from "./stream-context";
import { discoveryResponse } from "./wire";
import { type EncodedResource, isTypeUrl, isWildcardType, PUSH_ORDER, shortType, type TypeUrl } from "./xds-types";

interface TypeState {
  /** null: wildcard. */
  names: Set<string> | null;
  nonce: string;
  sent: string;
  accepted: string;
}

function sameSubscription(a: Set<string> | null, b: Set<string> | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.size !== b.size) return false;
  for (const name of a) if (!b.has(name)) return false;
  return true;
}

export function sotwStream(call: ServerDuplexStream<any, any>, ctx: StreamContext): void {
  let config: SidecarSnapshot | undefined;
  let nodeId = "";
  let nonces = 0;
  const types = new Map<TypeUrl, TypeState>();

  const included = (type: TypeUrl, state: TypeState): EncodedResource[] => {
    const all = config!.byType.get(type)!;
    const list = state.names === null ? [...all.values()] : [...state.names].flatMap((n) => all.get(n) ?? []);
    return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  };
  const send = (type: TypeUrl, state: TypeState) => {
    const resources = included(type, state);
    const version = versionOf(resources.map((r) => `${r.name} ${r.version}`));
    if (version === state.sent) return;
    state.sent = version;
    state.nonce = String(++nonces);
    call.write(discoveryResponse(version, resources, type, state.nonce));
  };
  const stream: XdsStream = {
    push(next) {
      config = next;
      for (const type of PUSH_ORDER) {
        const state = types.get(type);
        if (state) send(type, state);
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
    const names: string[] = request.resource_names ?? [];
    const wildcard = isWildcardType(type) && (names.length === 0 || names.includes("*"));
    const subscription = wildcard ? null : new Set(names.filter((n) => n !== "*"));
    let state = types.get(type);
    const nonce = String(request.response_nonce ?? "");
    if (!state) {
      state = { names: subscription, nonce: "", sent: "", accepted: "" };
      types.set(type, state);
      const held = String(request.version_info ?? "");
      if (held && !nonce) {
        const current = versionOf(included(type, state).map((r) => `${r.name} ${r.version}`));
        if (current === held) state.sent = state.accepted = held; // reconnect: it has this already
      }
      return send(type, state);
    }
    if (nonce !== state.nonce) return; // stale: answers a response that has been superseded
    if (request.error_detail) {
      ctx.log(`node ${nodeId} NACKed ${shortType(type)} version ${state.sent}: ${request.error_detail.message ?? ""} (keeps ${state.accepted || "nothing"})`);
    } else {
      state.accepted = state.sent;
    }
    // The same subscription over the same config gives the version last sent (every push sends), so a plain
    // ACK, most of a sidecar's requests, is not answered by sorting and hashing its whole set again.
    if (sameSubscription(state.names, subscription)) return;
    state.names = subscription;
    send(type, state);
  });
  call.on("end", () => {
    ctx.detach(stream);
    call.end();
  });
  call.on("error", () => ctx.detach(stream));
  call.on("cancelled", () => ctx.detach(stream));
}
