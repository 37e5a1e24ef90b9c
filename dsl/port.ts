/**
 * The application protocol on a port. It decides how the sidecar treats the traffic:
 * http/http2/grpc get L7 routing, retries and access rules per request; tcp and tls are proxied as streams.
 */
export type Protocol = "http" | "http2" | "grpc" | "tcp" | "tls";

/** A port with an explicit protocol. */
export interface PortSpec {
  /** The port number, 1–65535. */
  readonly port: number;
  /** @default inferred from the port's name (Istio's convention: "http-*", "grpc-*", "http2-*", "tls"/"https" …), else "tcp" */
  readonly protocol?: Protocol;
}

/**
 * Named ports. A bare number takes its protocol from the name's prefix.
 * @example { http: 8080, grpc: 9090, metrics: { port: 9100, protocol: "http" } }
 */
export type Ports = Readonly<Record<string, number | PortSpec>>;
