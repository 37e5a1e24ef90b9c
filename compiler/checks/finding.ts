// The one way a check states a finding: the catalogue decides the severity, the check the message and where.
import { codes, type Code } from "../diagnostics/codes";
import type { Diagnostic, RelatedInfo } from "../diagnostics/diagnostic";

export interface FindingExtras {
  readonly hint?: string;
  /** Related places by model path; the locator turns them into spans. */
  readonly related?: readonly { readonly path: string; readonly message: string }[];
}

export function finding(code: Code, path: string, message: string, extras: FindingExtras = {}): Diagnostic {
  const related: RelatedInfo[] | undefined = extras.related?.map((r) => ({ path: r.path, message: r.message }));
  return {
    code,
    severity: codes[code].severity,
    message,
    path,
    ...(extras.hint ? { hint: extras.hint } : {}),
    ...(related?.length ? { related } : {}),
  };
}
