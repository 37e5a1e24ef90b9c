// The serve benchmarks' stand-in for DNS: every headless Service resolves to one synthetic IPv6 pod, the
// same address each time it is asked, and nothing ever changes.
import type { EndpointResolver } from "../compiler/api";

export function syntheticEndpoints(): EndpointResolver {
  let next = 1;
  const pods = new Map<string, string>();
  return {
    lookup(host, port) {
      let a = pods.get(host);
      if (!a) pods.set(host, (a = `fd00::${(next++).toString(16)}`));
      return [{ address: a, port }];
    },
    onChange: () => {},
    close: () => {},
  };
}
