// What the Istio output cannot say as the policy says it, for the chosen API level: a diagnostic naming the
// feature and the release that has it, never a silent drop. Codes MESH860–MESH869 (compiler/diagnostics/codes.ts).
import { type MeshModel, type RouteModel, type ServiceModel } from "../../compiler/model";
import type { TargetFinding, TargetOptions } from "../target";
import { API_LEVELS, type Release, releaseBefore, releaseText } from "./api-level";
import { mirrorPorts } from "./mirror";
import { MESH_FILE_STEM } from "./zone-files";

/** Envoy's default retry back-off, the only one an Istio route can have (Istio's HTTPRetry has no back-off field). */
const ENVOY_BACKOFF = { baseMs: 25, maxMs: 250 };
/** The Telemetry API (tracing, access logging, metrics) arrived in Istio 1.11. */
const TELEMETRY_API: Release = [1, 11];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A service's model path as the locator reads it (compiler/diagnostics/model-path.ts): `services["a-b"]` when not an identifier. */
function servicePath(name: string): string {
  return IDENTIFIER.test(name) ? `services.${name}` : `services[${JSON.stringify(name)}]`;
}

function routePath(service: ServiceModel, route: RouteModel): string {
  // The implicit default route was never written: its settings come from the service.
  return route.implicit ? servicePath(service.name) : `${servicePath(service.name)}.routes[${route.index}]`;
}

function backoff(service: ServiceModel): TargetFinding[] {
  const route = service.routes.find((r) => r.retries.attempts > 0 && (r.retries.backoffBaseMs !== ENVOY_BACKOFF.baseMs || r.retries.backoffMaxMs !== ENVOY_BACKOFF.maxMs));
  if (!route) return [];
  return [{
    code: "MESH860",
    path: `${routePath(service, route)}.retries.backoff`,
    message: `no Istio release can set a retry back-off (Istio's HTTPRetry has no such field): the Istio output of '${service.name}' retries with Envoy's default 25ms base and 250ms cap.`,
    hint: "drop `backoff` to get the same retries from every target, or accept Envoy's default back-off on Istio",
  }];
}

function mirrors(mesh: MeshModel, service: ServiceModel): TargetFinding[] {
  return service.routes.flatMap((route) => {
    const ports = mirrorPorts(mesh, service, route);
    if (ports.length <= 1) return [];
    return [{
      code: "MESH862",
      path: `${routePath(service, route)}.mirror`,
      message: `route '${route.name}' mirrors to '${route.mirror!.service}' on ports ${ports.join(" and ")} depending on the request's port; an Istio route serves every HTTP port of '${service.name}' and its mirror names one port.`,
      hint: "give the mirrored service the same port numbers, or mirror from a service with one HTTP port",
    }];
  });
}

function reservedName(service: ServiceModel): TargetFinding[] {
  if (service.name !== MESH_FILE_STEM) return [];
  return [{
    code: "MESH863",
    path: servicePath(service.name),
    message: `a service named '${MESH_FILE_STEM}' would write istio/<zone>/${MESH_FILE_STEM}.yaml, the file of the mesh-wide Istio objects.`,
    hint: "rename the service",
  }];
}

function telemetryRelease(mesh: MeshModel, options: TargetOptions): TargetFinding[] {
  const level = API_LEVELS[options.istioApi ?? "v1"];
  const used = mesh.telemetry.tracing !== null || mesh.telemetry.accessLog !== "off" || mesh.telemetry.metrics !== "off";
  if (!used || !releaseBefore(level.release, TELEMETRY_API)) return [];
  return [{
    code: "MESH861",
    path: "mesh.telemetry",
    message: `tracing, access logs and metrics are written as Telemetry objects (${level.apiVersion.Telemetry}), which need ${releaseText(TELEMETRY_API)}; --istio-api ${level.name} also fits ${releaseText(level.release)}–1.10 clusters, which reject them.`,
    hint: `on an older cluster set telemetry in Istio's meshConfig instead, or build for --istio-api v1 (${releaseText(API_LEVELS.v1.release)})`,
  }];
}

export function istioFindings(mesh: MeshModel, options: TargetOptions): TargetFinding[] {
  return [...telemetryRelease(mesh, options), ...mesh.services.flatMap((s) => [...reservedName(s), ...backoff(s), ...mirrors(mesh, s)])];
}
