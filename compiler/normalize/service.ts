import { child } from "../diagnostics/model-path";
import type { CaptureModel, ServiceModel } from "../model";
import { readCapture } from "./capture";
import type { Collector, JsonObject } from "./context";
import { durationMs } from "./duration";
import { overloadModel, type OverloadSetting, readOverload, readRateLimit } from "./overload";
import { normalizePorts } from "./ports";
import { type Field, has, readEnum, readList, readNumber, readObject, readString, readStrings, refName, sortedUnique } from "./read";
import type { RetrySetting } from "./retries";
import { readRetries } from "./retries";
import { implicitRoute, needsImplicitRoute, normalizeRoute } from "./route";

/** What a service inherits from the mesh's `defaults` and `capture`. */
export interface ServiceDefaults {
  readonly timeoutMs: number;
  readonly retries: RetrySetting;
  readonly overload: OverloadSetting;
  readonly mtls: "strict" | "permissive" | "disable";
  readonly capture: CaptureModel;
}

export const DEFAULT_VERSION = "v1";
export const DEFAULT_REPLICAS = 2;
export const DEFAULT_PROBE_PATH = "/healthz";

export function normalizeService(c: Collector, name: string, spec: JsonObject, path: string, d: ServiceDefaults): ServiceModel {
  const f: Field = { c, obj: spec, path };
  const namespace = readString(f, "namespace", "default");
  if (!has(f, "namespace")) c.report("MESH012", path, `service '${name}' needs a 'namespace'.`);
  const versions = has(f, "versions") ? readStrings(f, "versions").map((v) => v.value) : [DEFAULT_VERSION];
  const timeoutMs = durationMs(c, spec.timeout, child(path, "timeout"), d.timeoutMs);
  const retries = readRetries(c, spec.retries, child(path, "retries"), d.retries);
  const routeDefaults = { timeoutMs, retries, versions };

  const routes = readList(f, "routes").flatMap((item, index) => normalizeRoute(c, item.value, item.path, index, routeDefaults) ?? []);
  if (needsImplicitRoute(routes)) {
    const implicit = implicitRoute(routes.length, routeDefaults);
    const taken = routes.some((r) => r.name === implicit.name);
    routes.push(taken ? { ...implicit, name: "implicit-default" } : implicit);
  }

  const access = readObject(f, "access");
  const probes = readObject(f, "probes");
  const image = readString(f, "image", `${name}:{version}`);
  const failover = readEnum(f, "failover", ["zone", "none"], "zone");
  return {
    name,
    namespace,
    host: `${name}.${namespace}.svc.cluster.local`,
    ports: normalizePorts(c, spec.ports, child(path, "ports")),
    versions,
    routes,
    overload: overloadModel(readOverload(readObject(f, "overload"), d.overload), failover),
    rateLimit: readRateLimit(readObject(f, "rateLimit")),
    access: {
      allowFrom: access && has(access, "allowFrom")
        ? sortedUnique(readList(access, "allowFrom").flatMap((r) => refName(c, r.value, r.path) ?? []))
        : null,
      mtls: access ? readEnum(access, "mtls", ["strict", "permissive", "disable"], d.mtls) : d.mtls,
    },
    calls: sortedUnique(readList(f, "calls").flatMap((r) => refName(c, r.value, r.path) ?? [])),
    failover,
    capture: readCapture(readObject(f, "capture"), d.capture),
    probes: probes ? { port: readNumber(probes, "port", 0, true), path: readString(probes, "path", DEFAULT_PROBE_PATH) } : null,
    replicas: readNumber(f, "replicas", DEFAULT_REPLICAS, true),
    images: Object.fromEntries(versions.map((v) => [v, image.split("{version}").join(v)])),
  };
}
