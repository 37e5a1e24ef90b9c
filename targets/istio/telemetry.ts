// Tracing, access logs and metrics from the telemetry policy, one Telemetry per namespace that holds meshc
// services (not in the root namespace, which would set them for the whole cluster). The Telemetry API names
// providers; what a provider is (the collector's address, the log format) is Istio installation config
// (meshConfig.extensionProviders), so the providers have fixed names docs/istio.md defines for the installer.
// Prometheus is Istio's built-in provider. Pre-1.11 Istio has no Telemetry API (findings.ts, MESH861).
// https://istio.io/latest/docs/reference/config/telemetry/
import type { MeshModel } from "../../compiler/model";
import type { ApiLevel } from "./api-level";
import { istioObject, type IstioObject } from "./object-meta";

export const TELEMETRY_NAME = "meshc";
export const TRACING_PROVIDER = { zipkin: "meshc-zipkin", opentelemetry: "meshc-opentelemetry" } as const;
export const ACCESS_LOG_PROVIDER = { json: "meshc-json-log", text: "meshc-text-log" } as const;
const PROMETHEUS = "prometheus";

function tracing(mesh: MeshModel): object[] {
  const t = mesh.telemetry.tracing;
  if (!t) return [{ disableSpanReporting: true }];
  return [{ providers: [{ name: TRACING_PROVIDER[t.provider] }], randomSamplingPercentage: t.samplePercent }];
}

function accessLogging(mesh: MeshModel): object[] {
  const log = mesh.telemetry.accessLog;
  return log === "off" ? [{ disabled: true }] : [{ providers: [{ name: ACCESS_LOG_PROVIDER[log] }] }];
}

function metrics(mesh: MeshModel): object[] {
  return mesh.telemetry.metrics === "off" ? [{ providers: [{ name: PROMETHEUS }], overrides: [{ disabled: true }] }] : [{ providers: [{ name: PROMETHEUS }] }];
}

export function telemetry(mesh: MeshModel, level: ApiLevel, namespace: string): IstioObject {
  return istioObject(level, "Telemetry", mesh.name, TELEMETRY_NAME, namespace, { tracing: tracing(mesh), accessLogging: accessLogging(mesh), metrics: metrics(mesh) });
}
