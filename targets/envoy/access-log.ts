// Access logs from the telemetry policy: written to the sidecar's stdout, where the node's log agent collects
// them (no buffering in the proxy, unlike Mixer's unbounded in-memory telemetry). Envoy's access log format
// operators: https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage
import type { TelemetryModel } from "../../compiler/model";
import { extension } from "./typed-config";

const STDOUT_LOGGER = "envoy.access_loggers.stdout";
const STDOUT_LOG = "envoy.extensions.access_loggers.stream.v3.StdoutAccessLog";

/** One JSON object per request; keys sorted, so the line is stable across builds. */
const JSON_FIELDS: Readonly<Record<string, string>> = {
  authority: "%REQ(:AUTHORITY)%",
  bytes_received: "%BYTES_RECEIVED%",
  bytes_sent: "%BYTES_SENT%",
  downstream_peer: "%DOWNSTREAM_REMOTE_ADDRESS%",
  duration_ms: "%DURATION%",
  method: "%REQ(:METHOD)%",
  path: "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%",
  protocol: "%PROTOCOL%",
  request_id: "%REQ(X-REQUEST-ID)%",
  response_code: "%RESPONSE_CODE%",
  response_flags: "%RESPONSE_FLAGS%",
  route_name: "%ROUTE_NAME%",
  start_time: "%START_TIME%",
  upstream_cluster: "%UPSTREAM_CLUSTER%",
  upstream_host: "%UPSTREAM_HOST%",
};

const TEXT_FORMAT =
  '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER% %ROUTE_NAME%\n';

/** The `access_log` list of an HTTP connection manager or TCP proxy; empty when access logs are off. */
export function accessLogs(telemetry: TelemetryModel): object[] {
  if (telemetry.accessLog === "off") return [];
  const format = telemetry.accessLog === "json" ? { json_format: JSON_FIELDS } : { text_format_source: { inline_string: TEXT_FORMAT } };
  return [extension(STDOUT_LOGGER, STDOUT_LOG, { log_format: format })];
}
