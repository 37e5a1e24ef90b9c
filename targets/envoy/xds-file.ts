// LDS and CDS files: Envoy's filesystem subscription reads a DiscoveryResponse, whose resources are Anys of
// the file's resource type. https://www.envoyproxy.io/docs/envoy/latest/configuration/overview/xds_api#filesystem-subscriptions
import { shareRendering } from "../stable-yaml";
import { typed } from "./typed-config";

const LISTENER = "envoy.config.listener.v3.Listener";
const CLUSTER = "envoy.config.cluster.v3.Cluster";

function discoveryResponse(messageType: string, resources: readonly object[]): object {
  return { resources: resources.map((r) => typed(messageType, r)) };
}

export function listenersFile(listeners: readonly object[]): object {
  return discoveryResponse(LISTENER, listeners);
}

/** Each cluster's Any, made once per cluster object: clusters callers share (sidecar-clusters.ts) are written once. */
const typedClusters = new WeakMap<object, object>();

export function clustersFile(clusters: readonly object[]): object {
  return {
    resources: clusters.map((c) => {
      let any = typedClusters.get(c);
      if (!any) typedClusters.set(c, (any = shareRendering(typed(CLUSTER, c))));
      return any;
    }),
  };
}
