// LDS and CDS files: Envoy's filesystem subscription reads a DiscoveryResponse, whose resources are Anys of
// the file's resource type. https://www.envoyproxy.io/docs/envoy/latest/configuration/overview/xds_api#filesystem-subscriptions
import { typed } from "./typed-config";

const LISTENER = "envoy.config.listener.v3.Listener";
const CLUSTER = "envoy.config.cluster.v3.Cluster";

function discoveryResponse(messageType: string, resources: readonly object[]): object {
  return { resources: resources.map((r) => typed(messageType, r)) };
}

export function listenersFile(listeners: readonly object[]): object {
  return discoveryResponse(LISTENER, listeners);
}

export function clustersFile(clusters: readonly object[]): object {
  return discoveryResponse(CLUSTER, clusters);
}
