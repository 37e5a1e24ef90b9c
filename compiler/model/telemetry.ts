export interface TracingModel {
  readonly provider: "zipkin" | "opentelemetry";
  readonly host: string;
  readonly port: number;
  readonly samplePercent: number;
}

export interface TelemetryModel {
  readonly tracing: TracingModel | null;
  readonly accessLog: "json" | "text" | "off";
  readonly metrics: "prometheus" | "off";
}
