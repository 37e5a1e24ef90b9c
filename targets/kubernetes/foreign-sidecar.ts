// Another mesh's sidecar in a pod template: two proxies would both capture the pod's traffic. Recognised by the
// containers and annotations the common meshes inject (Istio, Linkerd, Consul, Kuma, App Mesh) and by any other
// container running an Envoy image that is not meshc's own.
import { OWNED_CONTAINERS } from "./sidecar-containers";

const FOREIGN_CONTAINERS = new Set(["istio-proxy", "istio-init", "istio-validation", "linkerd-proxy", "linkerd-init", "consul-dataplane", "envoy-sidecar", "kuma-sidecar", "kuma-init", "envoy", "proxyinit"]);
const FOREIGN_IMAGE = /(^|\/)(envoyproxy\/envoy[^/:@]*|proxyv2|linkerd2?-proxy[^/:@]*|proxy-init|consul-dataplane|kuma-dp|aws-appmesh-envoy)([:@]|$)/;
const FOREIGN_ANNOTATIONS = ["sidecar.istio.io/status", "linkerd.io/proxy-version", "consul.hashicorp.com/connect-inject-status", "kuma.io/sidecar-injected"];

interface ContainerLike {
  readonly name?: unknown;
  readonly image?: unknown;
}

/** Why the pod already has someone else's sidecar, or null. */
export function foreignSidecar(containers: readonly ContainerLike[], annotations: Readonly<Record<string, unknown>>): string | null {
  for (const key of FOREIGN_ANNOTATIONS) if (key in annotations) return `its pod template carries the annotation '${key}'`;
  for (const c of containers) {
    const name = typeof c.name === "string" ? c.name : "";
    if (OWNED_CONTAINERS.includes(name)) continue;
    if (FOREIGN_CONTAINERS.has(name)) return `it has a container '${name}'`;
    if (typeof c.image === "string" && FOREIGN_IMAGE.test(c.image)) return `its container '${name}' runs the proxy image ${c.image}`;
  }
  return null;
}
