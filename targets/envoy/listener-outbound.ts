// The outbound capture listener. The pod's capture rules redirect every outgoing connection of the app to
// 15001; the original_dst listener filter restores the address the app dialled, and a filter chain per
// destination port takes over: an HTTP route table when called services speak HTTP on that port, a TCP
// proxy when exactly one called service speaks plain TCP there, an SNI match per external TLS host. Anything
// else falls to the default chain: passthrough (allow-any) or closed (registry-only).
// `use_original_dst` also hands a connection to another listener bound to its original destination, if
// one exists (none does here, so the chains of this listener decide).
import type { ExternalModel, MeshModel, ServiceModel, Workload } from "../../compiler/model";
import type { TargetOptions } from "../target";
import { listenerAddresses } from "./address";
import { activeDrills } from "./drills";
import { faultFilter } from "./filters/fault";
import { httpConnectionManager } from "./http-connection-manager";
import { originalDstFilter, tlsInspectorFilter } from "./listener-filters";
import { BLACKHOLE_CLUSTER, externalClusterName, outboundClusterName, PASSTHROUGH_CLUSTER } from "./names";
import { isHttp } from "./protocol-options";
import { outboundRouteTable, type PortServices } from "./route-table";
import { calledServices } from "./scope";
import { OUTBOUND_CAPTURE_PORT } from "./sidecar";
import { tcpProxy } from "./tcp-proxy";

const LISTENER_NAME = "outbound";

function portsOf(services: readonly ServiceModel[], externals: readonly ExternalModel[]): number[] {
  return [...new Set([...services.flatMap((s) => s.ports.map((p) => p.port)), ...externals.flatMap((e) => e.ports.map((p) => p.port))])].sort((a, b) => a - b);
}

function httpChain(mesh: MeshModel, p: PortServices): object {
  const faults = p.services.some((s) => s.drills.length > 0);
  return {
    name: `outbound|${p.port}|http`,
    filter_chain_match: { destination_port: p.port },
    filters: [httpConnectionManager(mesh, { statPrefix: `outbound_${p.port}`, routeConfig: outboundRouteTable(mesh, p), httpFilters: faults ? [faultFilter()] : [] })],
  };
}

/** TCP carries no host name: a port is served only when exactly one called service speaks TCP on it. */
function tcpChain(mesh: MeshModel, service: ServiceModel, port: number): object {
  const fallback = service.routes[service.routes.length - 1];
  const clusters = (fallback?.destinations ?? []).map((d) => ({ name: outboundClusterName(service, d.version, port), weight: d.weight }));
  return {
    name: `outbound|${port}|tcp|${service.host}`,
    filter_chain_match: { destination_port: port },
    filters: [tcpProxy(mesh, `outbound_${port}_${service.name}`, clusters)],
  };
}

function tlsExternalChain(mesh: MeshModel, external: ExternalModel, port: number): object {
  return {
    name: `outbound|${port}|tls|${external.host}`,
    filter_chain_match: { destination_port: port, server_names: [external.host] },
    filters: [tcpProxy(mesh, `outbound_${port}_${external.host}`, [{ name: externalClusterName(external.host, port), weight: 100 }])],
  };
}

function defaultChain(mesh: MeshModel): object {
  const cluster = mesh.outbound === "allow-any" ? PASSTHROUGH_CLUSTER : BLACKHOLE_CLUSTER;
  return { name: cluster, filters: [tcpProxy(mesh, cluster, [{ name: cluster, weight: 100 }])] };
}

export function outboundListener(mesh: MeshModel, options: TargetOptions, workload: Workload, zone: string): object {
  const called = calledServices(mesh, workload);
  const chains: object[] = [];
  let sni = false;
  for (const port of portsOf(called, mesh.externals)) {
    const on = (protocols: (p: ServiceModel["ports"][number]) => boolean) => (s: { ports: readonly ServiceModel["ports"][number][] }) => s.ports.some((p) => p.port === port && protocols(p));
    const http = called.filter(on((p) => isHttp(p.protocol)));
    const httpExternals = mesh.externals.filter(on((p) => isHttp(p.protocol)));
    const tcp = called.filter(on((p) => !isHttp(p.protocol)));
    if (http.length || httpExternals.length) {
      const services = http.map((service) => ({ service, drills: activeDrills(mesh, options, workload, zone, service.name) }));
      chains.push(httpChain(mesh, { port, services, externals: httpExternals }));
    } else if (tcp.length === 1) {
      chains.push(tcpChain(mesh, tcp[0]!, port));
    }
    for (const external of mesh.externals.filter(on((p) => p.protocol === "tls"))) {
      chains.push(tlsExternalChain(mesh, external, port));
      sni = true;
    }
  }
  return {
    name: LISTENER_NAME,
    ...listenerAddresses(mesh, OUTBOUND_CAPTURE_PORT),
    traffic_direction: "OUTBOUND",
    use_original_dst: true,
    listener_filters: [originalDstFilter(), ...(sni ? [tlsInspectorFilter()] : [])],
    filter_chains: chains,
    default_filter_chain: defaultChain(mesh),
  };
}
