// One line of a semantic diff: what changed, in words a reviewer reads, whether it is risky, and which service it
// is about (none for mesh-wide settings). Every renderer (text, Markdown, JSON) prints these lines as they are.

export type ChangeKind =
  | "service-added" | "service-removed"
  | "route-added" | "route-removed" | "routes-reordered" | "route-match" | "weights" | "mirror"
  | "timeout" | "retries" | "limits" | "ejection" | "rate-limit"
  | "access-widened" | "access-narrowed" | "calls" | "versions" | "ports" | "failover" | "capture" | "workload"
  | "drill-added" | "drill-removed" | "drill-changed"
  | "mesh" | "routing-tests";

export interface Change {
  /** The service the change is about; absent for mesh-wide changes. */
  readonly service?: string;
  readonly kind: ChangeKind;
  readonly text: string;
  /** Widens who may reach what, or opens traffic up: a reviewer should look twice. */
  readonly risky: boolean;
}

export function change(kind: ChangeKind, text: string, extra: { service?: string; risky?: boolean } = {}): Change {
  return { ...(extra.service !== undefined ? { service: extra.service } : {}), kind, text, risky: extra.risky ?? false };
}
