// The upstream protocol of a cluster. gRPC and HTTP/2 ports need HTTP/2 to the upstream (gRPC does not run
// over HTTP/1.1); everything else uses Envoy's default, HTTP/1.1.
import type { Protocol } from "../../compiler/model";
import { typed } from "./typed-config";

const HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

export function speaksHttp2(protocol: Protocol): boolean {
  return protocol === "grpc" || protocol === "http2";
}

export function isHttp(protocol: Protocol): boolean {
  return protocol === "http" || speaksHttp2(protocol);
}

/** `typed_extension_protocol_options` for a cluster that must speak HTTP/2 upstream. */
export function http2ProtocolOptions(): object {
  return { typed_extension_protocol_options: { [HTTP_PROTOCOL_OPTIONS]: typed(HTTP_PROTOCOL_OPTIONS, { explicit_http_config: { http2_protocol_options: {} } }) } };
}
