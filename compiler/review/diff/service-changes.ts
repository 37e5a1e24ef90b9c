// What changed in one service, or that it appeared or disappeared: routes (route-changes.ts), access
// (access-changes.ts), resilience (limits, ejection, rate limit), calls, versions, ports, failover, capture and
// what its workloads run (replicas, images, probes, namespace).
import type { ServiceModel } from "../../model";
import { accessChanges } from "./access-changes";
import { type Change, change } from "./change";
import { fieldChanges, show } from "./field-changes";
import { routeChanges } from "./route-changes";

function listChange(service: string, kind: Change["kind"], what: string, before: readonly string[], after: readonly string[]): Change[] {
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  const parts = [...(added.length ? [`+${added.join(", +")}`] : []), ...(removed.length ? [`-${removed.join(", -")}`] : [])];
  return parts.length ? [change(kind, `${service}: ${what} ${parts.join(" ")}`, { service })] : [];
}

function fields(service: string, kind: Change["kind"], what: string, before: unknown, after: unknown): Change[] {
  const f = fieldChanges(before, after);
  return f.length ? [change(kind, `${service}: ${what} ${f.join(", ")}`, { service })] : [];
}

export function addedService(s: ServiceModel, callers: readonly string[]): Change {
  const ports = s.ports.map((p) => `${p.name} ${p.port}`).join(", ");
  const admits = s.access.allowFrom === null ? "every service" : s.access.allowFrom.join(", ") || "no caller";
  return change("service-added", `service '${s.name}' added (namespace ${s.namespace}; versions ${s.versions.join(", ")}; ports ${ports}; admits ${admits}; called by ${callers.join(", ") || "nobody yet"})`, { service: s.name, risky: s.access.allowFrom === null });
}

export function removedService(s: ServiceModel): Change {
  return change("service-removed", `service '${s.name}' removed (versions ${s.versions.join(", ")})`, { service: s.name });
}

export function serviceChanges(base: ServiceModel, head: ServiceModel): Change[] {
  const name = head.name;
  const { outlier: outlierBefore, ...limitsBefore } = base.overload;
  const { outlier: outlierAfter, ...limitsAfter } = head.overload;
  return [
    ...listChange(name, "versions", "versions", base.versions, head.versions),
    ...fields(name, "ports", "ports", Object.fromEntries(base.ports.map((p) => [p.name, `${p.port}/${p.protocol}`])), Object.fromEntries(head.ports.map((p) => [p.name, `${p.port}/${p.protocol}`]))),
    ...routeChanges(name, base.routes, head.routes),
    ...fields(name, "limits", "limits", limitsBefore, limitsAfter),
    ...(JSON.stringify(outlierBefore) !== JSON.stringify(outlierAfter)
      ? [change("ejection", `${name}: ejection ${outlierBefore && outlierAfter ? fieldChanges(outlierBefore, outlierAfter).join(", ") : `${show(outlierBefore)}→${show(outlierAfter)}`}`, { service: name })]
      : []),
    ...fields(name, "rate-limit", "rate limit", base.rateLimit, head.rateLimit),
    ...accessChanges(name, base.access, head.access),
    ...listChange(name, "calls", "calls", base.calls, head.calls),
    ...(base.failover !== head.failover ? [change("failover", `${name}: failover ${base.failover}→${head.failover}`, { service: name })] : []),
    ...fields(name, "capture", "capture", base.capture, head.capture),
    ...fields(name, "workload", "workloads", { namespace: base.namespace, replicas: base.replicas, images: base.images, probes: base.probes }, { namespace: head.namespace, replicas: head.replicas, images: head.images, probes: head.probes }),
  ];
}
