// The outbound capture listener. The pod's capture rules redirect every outgoing connection of the app to
// 15001; the original_dst listener filter restores the address the app dialled, and a filter chain per
// destination port takes over: an HTTP route table when called services speak HTTP on that port, a TCP
// proxy when exactly one called service speaks plain TCP there, an SNI match per external TLS host. Anything
// else falls to the default chain: passthrough (allow-any) or closed (registry-only).
// `use_original_dst` also hands a connection to another listener bound to its original destination, if
// one exists (none does here, so the chains of this listener decide).
// With xDS delivery (`routes: "rds"`) the HTTP chains name their route tables instead of holding them, and the
// tables are served apart (RDS), built by the same constructors.
import type { ExternalModel, MeshModel, ServiceModel, Workload } from "../../compiler/model";
import type { TargetOptions } from "../target";
import { listenerAddresses } from "./address";
import { activeDrills } from "./drills";
import { faultFilter } from "./filters/fault";
import { httpConnectionManager } from "./http-connection-manager";
import { originalDstFilter, tlsInspectorFilter } from "./listener-filters";
import { BLACKHOLE_CLUSTER, externalClusterName, outboundClusterName, outboundRouteTableName, PASSTHROUGH_CLUSTER } from "./names";
import { isHttp } from "./protocol-options";
import { outboundRouteTable, type PortServices } from "./route-table";
import { calledServices } from "./scope";
import { OUTBOUND_CAPTURE_PORT } from "./sidecar";
import { tcpProxy } from "./tcp-proxy";

const LISTENER_NAME = "outbound";

function portsOf(services: readonly ServiceModel[], externals: readonly ExternalModel[]): number[] {
  return [...new Set([...services.flatMap((s) => s.ports.map((p) => p.port)), ...externals.flatMap((e) => e.ports.map((p) => p.port))])].sort((a, b) => a - b);
}

/** Where HTTP route tables go: inline in the listener (files), or out of it as RDS resources (xDS). */
export type RouteDelivery = "inline" | "rds";

/** The fault filter runs only where a live drill needs it. */
export function drillFilters(p: Pick<PortServices, "services">): object[] {
  return p.services.some((s) => s.drills.length > 0) ? [faultFilter()] : [];
}

function httpChain(mesh: MeshModel, p: PortServices, table: object, delivery: RouteDelivery): object {
  const routes = delivery === "inline" ? { inline: table } : { rds: outboundRouteTableName(p.port) };
  return {
    name: `outbound|${p.port}|http`,
    filter_chain_match: { destination_port: p.port },
    filters: [httpConnectionManager(mesh, { statPrefix: `outbound_${p.port}`, routes, httpFilters: drillFilters(p) })],
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

/** The HTTP ports of the called services and externals, each with what its route table holds. */
export function outboundHttpPorts(mesh: MeshModel, options: TargetOptions, workload: Workload, zone: string): PortServices[] {
  const called = calledServices(mesh, workload);
  return portsOf(called, mesh.externals).flatMap((port) => {
    const on = (s: { ports: readonly ServiceModel["ports"][number][] }) => s.ports.some((p) => p.port === port && isHttp(p.protocol));
    const http = called.filter(on);
    const externals = mesh.externals.filter(on);
    if (!http.length && !externals.length) return [];
    return [{ port, services: http.map((service) => ({ service, drills: activeDrills(mesh, options, workload, zone, service.name) })), externals }];
  });
}

export function outboundListener(mesh: MeshModel, options: TargetOptions, workload: Workload, zone: string, delivery: RouteDelivery = "inline"): object {
  return outboundListenerWithRoutes(mesh, options, workload, zone, delivery).listener;
}

/** The listener and the route tables its HTTP chains use (inline in it, or to serve over RDS). */
export function outboundListenerWithRoutes(mesh: MeshModel, options: TargetOptions, workload: Workload, zone: string, delivery: RouteDelivery): { listener: object; routes: object[] } {
  const called = calledServices(mesh, workload);
  const httpPorts = new Map(outboundHttpPorts(mesh, options, workload, zone).map((p) => [p.port, p]));
  const routes: object[] = [];
  const chains: object[] = [];
  let sni = false;
  for (const port of portsOf(called, mesh.externals)) {
    const on = (protocols: (p: ServiceModel["ports"][number]) => boolean) => (s: { ports: readonly ServiceModel["ports"][number][] }) => s.ports.some((p) => p.port === port && protocols(p));
    const tcp = called.filter(on((p) => !isHttp(p.protocol)));
    const http = httpPorts.get(port);
    if (http) {
      const table = outboundRouteTable(mesh, http);
      routes.push(table);
      chains.push(httpChain(mesh, http, table, delivery));
    } else if (tcp.length === 1) {
      chains.push(tcpChain(mesh, tcp[0]!, port));
    }
    for (const external of mesh.externals.filter(on((p) => p.protocol === "tls"))) {
      chains.push(tlsExternalChain(mesh, external, port));
      sni = true;
    }
  }
  const listener = {
    name: LISTENER_NAME,
    ...listenerAddresses(mesh, OUTBOUND_CAPTURE_PORT),
    traffic_direction: "OUTBOUND",
    use_original_dst: true,
    listener_filters: [originalDstFilter(), ...(sni ? [tlsInspectorFilter()] : [])],
    filter_chains: chains,
    default_filter_chain: defaultChain(mesh),
  };
  return { listener, routes };
}
