import { child } from "../diagnostics/model-path";
import type { TelemetryModel, TracingModel } from "../model";
import { shown } from "../diagnostics/shown";
import { parseAddress } from "./address";
import { type Field, readEnum, readNumber, readObject, readString } from "./read";

/** Splits "host:port" or "[v6]:port"; null when it is neither. */
export function splitHostPort(text: string): { host: string; port: number } | null {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(text) ?? /^([^:[\]]+):(\d{1,5})$/.exec(text);
  if (!m) return null;
  const bracketed = text.startsWith("[");
  const address = bracketed ? parseAddress(m[1]!) : null;
  if (bracketed && address?.family !== "ipv6") return null;
  return { host: address ? address.text : m[1]!, port: Number(m[2]) };
}

function tracing(f: Field): TracingModel | null {
  if (f.obj.tracing === undefined || f.obj.tracing === false) return null;
  const t = readObject(f, "tracing");
  if (!t) return null;
  const address = readString(t, "address", "");
  const hostPort = splitHostPort(address);
  if (!hostPort) f.c.report("MESH012", child(t.path, "address"), `tracing address ${shown(address)} must be host:port (IPv6 literals in brackets).`);
  return {
    provider: readEnum(t, "provider", ["zipkin", "opentelemetry"], "zipkin"),
    host: hostPort?.host ?? "",
    port: hostPort?.port ?? 0,
    samplePercent: readNumber(t, "samplePercent", 1),
  };
}

export function normalizeTelemetry(f: Field | undefined): TelemetryModel {
  if (!f) return { tracing: null, accessLog: "json", metrics: "prometheus" };
  return {
    tracing: tracing(f),
    accessLog: readEnum(f, "accessLog", ["json", "text", "off"], "json"),
    metrics: readEnum(f, "metrics", ["prometheus", "off"], "prometheus"),
  };
}
