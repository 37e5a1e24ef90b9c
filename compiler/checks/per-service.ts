// The part of a check that reads one service and nothing else, remembered per service object. The watch path
// hands an unchanged service over as the very object it was (normalize/service-memo.ts), and the model is
// readonly data, so the same object gets the same findings: a save checks again only the services it changed.
// A one-shot build makes every object anew and never hits; entries go with their objects (a WeakMap).
// Only for functions of the service alone: one that reads another service or the mesh does not belong here.
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ServiceModel } from "../model";

export function perService(find: (s: ServiceModel) => Diagnostic[]): (s: ServiceModel) => readonly Diagnostic[] {
  const known = new WeakMap<ServiceModel, readonly Diagnostic[]>();
  return (s) => {
    let found = known.get(s);
    if (found === undefined) known.set(s, (found = find(s)));
    return found;
  };
}
