import { child } from "../diagnostics/model-path";
import type { PortModel, Protocol } from "../model";
import { type Collector, describe, isObject, type Json } from "./context";
import { byName } from "./order";

const PROTOCOLS: readonly Protocol[] = ["http", "http2", "grpc", "tcp", "tls"];

/**
 * Istio's port-naming convention: the protocol is the name up to the first '-' ("http-web", "grpc").
 * "https" counts as tls: the sidecar passes it through without terminating it.
 * https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/
 */
export function protocolFromName(name: string): Protocol {
  const prefix = name.split("-")[0]!.toLowerCase();
  if (prefix === "https") return "tls";
  return (PROTOCOLS as readonly string[]).includes(prefix) ? (prefix as Protocol) : "tcp";
}

/** Named ports, sorted by port number then name. Range problems are left to the checks, which see the model. */
export function normalizePorts(c: Collector, value: Json | undefined, path: string): PortModel[] {
  if (value === undefined) return [];
  if (!isObject(value)) {
    c.report("MESH012", path, `'ports' must be an object of name → port, but is ${describe(value)}.`);
    return [];
  }
  const ports: PortModel[] = [];
  for (const [name, spec] of Object.entries(value)) {
    const at = child(path, name);
    if (typeof spec === "number" && Number.isInteger(spec)) {
      ports.push({ name, port: spec, protocol: protocolFromName(name) });
    } else if (isObject(spec) && typeof spec.port === "number" && Number.isInteger(spec.port)) {
      const protocol = spec.protocol;
      if (protocol !== undefined && !(typeof protocol === "string" && (PROTOCOLS as readonly string[]).includes(protocol))) {
        c.report("MESH012", child(at, "protocol"), `protocol must be one of ${PROTOCOLS.join(", ")}, but is ${describe(protocol)}.`);
      }
      const chosen = typeof protocol === "string" && (PROTOCOLS as readonly string[]).includes(protocol) ? (protocol as Protocol) : protocolFromName(name);
      ports.push({ name, port: spec.port, protocol: chosen });
    } else {
      c.report("MESH012", at, `port '${name}' must be a whole number or { port, protocol }, but is ${describe(spec)}.`);
    }
  }
  return ports.sort((a, b) => a.port - b.port || byName(a, b));
}
