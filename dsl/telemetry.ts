/**
 * Tracing: spans sent straight from each sidecar to the collector.
 * @example { provider: "zipkin", address: "zipkin.observability:9411", samplePercent: 1 }
 */
export interface Tracing {
  /** Collector protocol. */
  readonly provider: "zipkin" | "opentelemetry";
  /** Collector address as host:port: an RFC 1123 host name or an IP address (IPv6 literals in brackets). */
  readonly address: string;
  /** Share of requests traced, in percent: 0 to 100. @default 1 */
  readonly samplePercent?: number;
}

/**
 * Telemetry, one abstraction for every service. Sidecars write logs and expose metrics locally;
 * nothing is buffered centrally.
 */
export interface Telemetry {
  /** @default no tracing */
  readonly tracing?: Tracing | false;
  /** Access log format on the sidecar's stdout. @default "json" */
  readonly accessLog?: "json" | "text" | "off";
  /** Metrics exposition. @default "prometheus" (port 15090) */
  readonly metrics?: "prometheus" | "off";
}
