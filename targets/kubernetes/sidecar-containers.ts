// The two containers meshc adds to every pod, and the volumes they mount: shared by the generated Deployments
// and `meshc inject`, so an injected pod is the same pod. Paths, file names and Envoy's command line come from
// targets/sidecar-layout.ts.
//
// - The capture volume is the build's `capture/` folder for one service: its files under `<service>/` and the
//   mesh's capture runtime beside them (`runtime.sh`, which init.sh sources as `../runtime.sh`), one projected
//   volume of the service's capture ConfigMap and its namespace's runtime ConfigMap.
// - The capture init container runs the workload's init.sh as root with NET_ADMIN and NET_RAW only (every other
//   capability dropped, not privileged, no privilege escalation): what iptables/nft need in the pod's netns.
// - The proxy is a native sidecar (an init container with restartPolicy Always, GA in Kubernetes 1.33): it
//   starts before the app and stops after it, and the app starts only once the proxy's startup probe passes,
//   so the app's first connections never meet a capture rule with no proxy behind it.
import type { MeshModel } from "../../compiler/model";
import { CAPTURE_DIR, CAPTURE_RUNTIME, CAPTURE_SCRIPT, CERT_DIR, type Delivery, ENVOY_CONFIG_DIR, envoyArgs, HEALTH_PORT, PROMETHEUS_PORT, PROXY_UID, READY_PATH, type SidecarIdentity } from "../sidecar-layout";
import { certificateVolume } from "./certificates";
import type { SidecarConfig } from "./config-map";
import type { IContainer, IProbe, IVolume } from "./k8s-types";
import { shareRendering } from "../stable-yaml";

export const CAPTURE_CONTAINER = "meshc-capture";
export const PROXY_CONTAINER = "meshc-proxy";
export const ENVOY_VOLUME = "meshc-envoy";
export const CAPTURE_VOLUME = "meshc-capture";
export const CERT_VOLUME = "meshc-certs";
/** Everything meshc owns in a pod spec, by name: what `meshc inject` replaces and nothing else. */
export const OWNED_CONTAINERS: readonly string[] = [CAPTURE_CONTAINER, PROXY_CONTAINER];
export const OWNED_VOLUMES: readonly string[] = [ENVOY_VOLUME, CAPTURE_VOLUME, CERT_VOLUME];

/** Startup: probed every second for up to two minutes (a sidecar whose first DNS answers are slow still starts). */
const STARTUP_PERIOD_S = 1;
const STARTUP_FAILURES = 120;
const READINESS_PERIOD_S = 5;

// What is the same in every pod is one object, whose YAML stable-yaml writes once (shareRendering): at N = 1 000
// the 6 000 Deployments wrote these ~1.3 KB each afresh. They are never changed after this (the targets make new
// objects around them).
const CAPTURE_RESOURCES = shareRendering({ requests: { cpu: "10m", memory: "16Mi" } });
const CAPTURE_SECURITY = shareRendering({
  runAsUser: 0,
  runAsGroup: 0,
  runAsNonRoot: false,
  privileged: false,
  allowPrivilegeEscalation: false,
  capabilities: { add: ["NET_ADMIN", "NET_RAW"], drop: ["ALL"] },
});
const CAPTURE_MOUNTS = shareRendering([{ name: CAPTURE_VOLUME, mountPath: CAPTURE_DIR, readOnly: true }]);
const PROXY_COMMAND = shareRendering(["envoy"]);
const PROXY_ENV = shareRendering([{ name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }]);
const PROXY_SECURITY = shareRendering({
  runAsUser: PROXY_UID,
  runAsGroup: PROXY_UID,
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
});
const PROXY_MOUNTS = shareRendering([
  { name: ENVOY_VOLUME, mountPath: ENVOY_CONFIG_DIR, readOnly: true },
  { name: CERT_VOLUME, mountPath: CERT_DIR, readOnly: true },
]);
const STARTUP_PROBE = shareRendering(readyProbe(STARTUP_PERIOD_S, STARTUP_FAILURES));
const READINESS_PROBE = shareRendering(readyProbe(READINESS_PERIOD_S, 3));
const CERT_VOLUME_SPEC = shareRendering(certificateVolume(CERT_VOLUME));

export function captureContainer(mesh: MeshModel, service: string): IContainer {
  return {
    name: CAPTURE_CONTAINER,
    image: mesh.proxy.captureImage,
    command: ["sh", `${CAPTURE_DIR}/${service}/${CAPTURE_SCRIPT}`],
    resources: CAPTURE_RESOURCES,
    securityContext: CAPTURE_SECURITY,
    volumeMounts: CAPTURE_MOUNTS,
  };
}

function readyProbe(periodSeconds: number, failureThreshold: number): IProbe {
  return { httpGet: { path: READY_PATH, port: HEALTH_PORT }, periodSeconds, failureThreshold };
}

/** The proxy of one (service, version, zone): the mounted folder is its service's, its command line says which version it is. */
export function proxyContainer(mesh: MeshModel, delivery: Delivery, sidecar: SidecarIdentity): IContainer {
  const prometheus = mesh.telemetry.metrics === "prometheus";
  return {
    name: PROXY_CONTAINER,
    image: mesh.proxy.image,
    restartPolicy: "Always",
    command: PROXY_COMMAND,
    args: envoyArgs(delivery, sidecar),
    env: PROXY_ENV,
    ports: [
      { name: "meshc-health", containerPort: HEALTH_PORT, protocol: "TCP" },
      ...(prometheus ? [{ name: "http-envoy-prom", containerPort: PROMETHEUS_PORT, protocol: "TCP" as const }] : []),
    ],
    resources: { requests: { cpu: mesh.proxy.requests.cpu, memory: mesh.proxy.requests.memory } },
    startupProbe: STARTUP_PROBE,
    readinessProbe: READINESS_PROBE,
    securityContext: PROXY_SECURITY,
    volumeMounts: PROXY_MOUNTS,
  };
}

/** `capture` is the service's capture ConfigMap, whose keys are placed under `<service>/`; `runtime` the runtime's. */
export function sidecarVolumes(envoyConfigMap: string, service: string, capture: SidecarConfig, runtime: SidecarConfig): IVolume[] {
  return [
    {
      name: CAPTURE_VOLUME,
      projected: {
        sources: [
          { configMap: { name: capture.name, items: capture.files.map(([key]) => ({ key, path: `${service}/${key}` })) } },
          { configMap: { name: runtime.name, items: [{ key: CAPTURE_RUNTIME, path: CAPTURE_RUNTIME }] } },
        ],
      },
    },
    { name: ENVOY_VOLUME, configMap: { name: envoyConfigMap } },
    CERT_VOLUME_SPEC,
  ];
}

/** Prometheus's conventional scrape annotations, when the mesh's metrics are on. */
export function scrapeAnnotations(mesh: MeshModel): Record<string, string> {
  if (mesh.telemetry.metrics !== "prometheus") return {};
  return { "prometheus.io/scrape": "true", "prometheus.io/port": String(PROMETHEUS_PORT), "prometheus.io/path": "/stats/prometheus" };
}
