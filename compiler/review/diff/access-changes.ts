// Who may call a service, before and after. Widening (a new caller, "every service", weaker mTLS) is flagged
// risky: it is the change a reviewer must not miss. Narrowing is listed plainly; it can break a caller, which the
// routing tests (MESH211) catch when they cover it.
import type { AccessModel } from "../../model";
import { type Change, change } from "./change";

const MTLS_STRENGTH: Readonly<Record<AccessModel["mtls"], number>> = { disable: 0, permissive: 1, strict: 2 };

function names(list: readonly string[]): string {
  return list.length ? list.join(", ") : "no caller";
}

export function accessChanges(service: string, base: AccessModel, head: AccessModel): Change[] {
  const out: Change[] = [];
  const before = base.allowFrom;
  const after = head.allowFrom;
  if (before !== null && after === null) {
    out.push(change("access-widened", `${service}: access widened: now admits every service (was only ${names(before)})`, { service, risky: true }));
  } else if (before === null && after !== null) {
    out.push(change("access-narrowed", `${service}: access narrowed: now admits ${after.length ? `only ${names(after)}` : "no caller"} (was every service)`, { service }));
  } else if (before !== null && after !== null) {
    const gained = after.filter((n) => !before.includes(n));
    const lost = before.filter((n) => !after.includes(n));
    if (gained.length) out.push(change("access-widened", `${service}: access widened: now also admits ${gained.join(", ")}`, { service, risky: true }));
    if (lost.length) out.push(change("access-narrowed", `${service}: access narrowed: no longer admits ${lost.join(", ")}`, { service }));
  }
  if (base.mtls !== head.mtls) {
    const weaker = MTLS_STRENGTH[head.mtls] < MTLS_STRENGTH[base.mtls];
    out.push(change(weaker ? "access-widened" : "access-narrowed", `${service}: mTLS ${base.mtls}→${head.mtls}${weaker ? " (accepts callers without a verified identity)" : ""}`, { service, risky: weaker }));
  }
  return out;
}
