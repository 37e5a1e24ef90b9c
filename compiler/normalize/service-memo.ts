// Reuse of a service's normalization across the builds of one policy (`meshc serve`, `build --watch`: a save
// changes one team file, and a thousand services would be normalized again as they were).
//
// Exact because normalizeService is a pure function of its inputs: the service's serialized value, its name
// (and so its model path), and the mesh's service defaults; it reads nothing else and its only effect is the
// diagnostics it reports. The key is the service's JSON text (collect-services.ts makes it anyway) with the
// defaults' JSON: the serialized value is plain data parsed from JSON, so equal text is an equal value, key
// order included. A hit replays the diagnostics it reported, in their order, and returns the same model object
// (the model is readonly data that nothing downstream mutates), which lets the watch path's model snapshot see
// the service as unchanged without serializing it again (watch/model-changes.ts).
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ServiceModel } from "../model";
import type { Collector } from "./context";

export interface ServiceMemo {
  /** The service's model: the last build's when `key` is what it was, else `make`'s (remembered with the diagnostics it reported into `c`). */
  service(c: Collector, name: string, key: string, make: () => ServiceModel): ServiceModel;
  /** Forgets the services not asked for since the last call (removed, or renamed). */
  keepOnlyUsed(): void;
}

interface Entry {
  readonly key: string;
  readonly model: ServiceModel;
  readonly diagnostics: readonly Diagnostic[];
}

export function serviceMemo(): ServiceMemo {
  let kept = new Map<string, Entry>();
  let used = new Map<string, Entry>();
  return {
    service(c, name, key, make) {
      const earlier = kept.get(name);
      if (earlier?.key === key) {
        for (const d of earlier.diagnostics) c.diagnostics.push(d);
        used.set(name, earlier);
        return earlier.model;
      }
      const from = c.diagnostics.length;
      const model = make();
      used.set(name, { key, model, diagnostics: c.diagnostics.slice(from) });
      return model;
    },
    keepOnlyUsed() {
      kept = used;
      used = new Map();
    },
  };
}
