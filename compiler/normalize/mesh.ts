// normalize: the serialized policy → the mesh model. Every default is applied here, every list sorted here,
// every reference reduced to a name here; nothing downstream re-interprets author input.
import { child } from "../diagnostics/model-path";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Family, MeshModel, ServiceModel } from "../model";
import { DEFAULT_CAPTURE, readCapture } from "./capture";
import { collectServices } from "./collect-services";
import { Collector, describe, isObject, type Json } from "./context";
import { normalizeDrill } from "./drill";
import { durationMs } from "./duration";
import { normalizeExternals } from "./external";
import { DEFAULT_OVERLOAD, readOverload } from "./overload";
import { readEntries, readEnum, readList, readObject, readString, readStrings } from "./read";
import { DEFAULT_RETRIES, readRetries } from "./retries";
import { declaresNoPorts, reportUnreachablePorts } from "./reachable-ports";
import { normalizeRouteTest } from "./route-test";
import { normalizeService } from "./service";
import type { ServiceMemo } from "./service-memo";
import { normalizeProxy } from "./proxy";
import { normalizeTelemetry } from "./telemetry";
import { byName, byText } from "./order";

export const DEFAULT_TIMEOUT_MS = 3000;
const ROOT = "mesh";

export interface NormalizeResult {
  readonly model: MeshModel;
  readonly diagnostics: readonly Diagnostic[];
}

function familiesOf(ipFamily: MeshModel["ipFamily"]): Family[] {
  return ipFamily === "dual" ? ["ipv6", "ipv4"] : [ipFamily];
}

/** Mirrors that name no version go to the mirrored service's default (first) version. A service with no such
 * mirror is kept as it is (the same object), so what a memo reused stays recognisably unchanged. */
function resolveMirrorVersions(services: ServiceModel[]): ServiceModel[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  return services.map((s) =>
    s.routes.some((r) => r.mirror && r.mirror.version === "")
      ? {
          ...s,
          routes: s.routes.map((r) =>
            r.mirror && r.mirror.version === "" ? { ...r, mirror: { ...r.mirror, version: byName.get(r.mirror.service)?.versions[0] ?? "" } } : r,
          ),
        }
      : s,
  );
}

/** `memo`: kept across the builds of one policy (the watch path), it reuses each service whose text did not change (service-memo.ts). */
export function normalize(serialized: Json, memo?: ServiceMemo): NormalizeResult {
  const c = new Collector();
  const spec = isObject(serialized) && serialized.$kind === "mesh" && isObject(serialized.spec) ? serialized.spec : null;
  if (!spec) c.report("MESH008", ROOT, `the policy's default export must be defineMesh({ ... }), but is ${describe(serialized)}.`);
  const f = { c, obj: spec ?? {}, path: ROOT };

  const zones = readStrings(f, "zones").map((z) => z.value);
  const ipFamily = readEnum(f, "ipFamily", ["ipv4", "ipv6", "dual"], "ipv6");
  if (spec && spec.ipFamily === undefined) c.report("MESH012", ROOT, "the mesh needs an 'ipFamily': \"ipv4\", \"ipv6\" or \"dual\".");

  const defaults = readObject(f, "defaults");
  const meshCapture = readCapture(readObject(f, "capture"), DEFAULT_CAPTURE);
  const serviceDefaults = {
    timeoutMs: defaults ? durationMs(c, defaults.obj.timeout, child(defaults.path, "timeout"), DEFAULT_TIMEOUT_MS) : DEFAULT_TIMEOUT_MS,
    retries: defaults ? readRetries(c, defaults.obj.retries, child(defaults.path, "retries"), DEFAULT_RETRIES) : DEFAULT_RETRIES,
    overload: readOverload(defaults ? readObject(defaults, "overload") : undefined, DEFAULT_OVERLOAD),
    mtls: defaults ? readEnum(defaults, "mtls", ["strict", "permissive", "disable"], "strict") : ("strict" as const),
    capture: meshCapture,
  };

  const found = collectServices(c, spec?.services, child(ROOT, "services"));
  const normalizeOne = (s: (typeof found)[number]) => normalizeService(c, s.name, s.spec, child("services", s.name), serviceDefaults);
  const defaultsKey = memo ? JSON.stringify(serviceDefaults) : "";
  const services = found.map((s) => (memo ? memo.service(c, s.name, `${defaultsKey}\n${s.json}`, () => normalizeOne(s)) : normalizeOne(s))).sort(byName);
  memo?.keepOnlyUsed();
  const externalEntries = readEntries(f, "external");

  const versionsByService = new Map(services.map((s) => [s.name, s.versions]));
  const model: MeshModel = {
    schemaVersion: 1,
    name: readString(f, "name", ""),
    ipFamily,
    families: familiesOf(ipFamily),
    zones,
    outbound: readEnum(f, "outbound", ["registry-only", "allow-any"], "registry-only"),
    telemetry: normalizeTelemetry(readObject(f, "telemetry")),
    services: resolveMirrorVersions(services),
    externals: normalizeExternals(c, externalEntries),
    drills: readEntries(f, "drills")
      .flatMap((e) => normalizeDrill(c, e.key, e.value, e.path, zones) ?? [])
      .sort(byName),
    tests: readList(f, "tests").flatMap((t, i) => normalizeRouteTest(c, t.value, t.path, i, (name) => versionsByService.get(name) ?? []) ?? []),
    capture: meshCapture,
    proxy: normalizeProxy(readObject(f, "proxy")),
  };
  reportUnreachablePorts(
    c,
    model,
    new Set(found.filter((s) => declaresNoPorts(s.spec.ports)).map((s) => s.name)),
    new Set(externalEntries.filter((e) => isObject(e.value) && declaresNoPorts(e.value.ports)).map((e) => e.key.toLowerCase())),
  );
  return { model, diagnostics: c.diagnostics };
}
