// Mutual TLS between sidecars: it is what gives a caller an identity the callee's RBAC filter can check
// (`allowFrom`). Certificates are SPIFFE X.509 SVIDs mounted into CERT_DIR by the platform's certificate
// provider; the identity of a workload is spiffe://<trust domain>/ns/<namespace>/sa/<service>.
import type { ServiceModel } from "../../compiler/model";
import { CERT_DIR, TRUST_DOMAIN } from "./sidecar";
import { typed } from "./typed-config";

const TLS_SOCKET = "envoy.transport_sockets.tls";
const CERT_CHAIN = `${CERT_DIR}/cert-chain.pem`;
const PRIVATE_KEY = `${CERT_DIR}/key.pem`;
const ROOT_CERT = `${CERT_DIR}/root-cert.pem`;

export function spiffeId(service: ServiceModel): string {
  return accountSpiffeId(service.namespace, service.name);
}

/** The identity of a ServiceAccount (each service runs as one named after it; `meshc serve` as its own). */
export function accountSpiffeId(namespace: string, account: string): string {
  return `spiffe://${TRUST_DOMAIN}/ns/${namespace}/sa/${account}`;
}

function certificates(): object {
  return { tls_certificates: [{ certificate_chain: { filename: CERT_CHAIN }, private_key: { filename: PRIVATE_KEY } }] };
}

/** The caller's side: present our certificate, and accept only the callee's identity. */
export function upstreamTls(callee: ServiceModel, alpn: readonly string[]): object {
  return upstreamTlsTo(spiffeId(callee), alpn);
}

/** The caller's side towards any peer with this SPIFFE ID. */
export function upstreamTlsTo(peer: string, alpn: readonly string[]): object {
  return {
    transport_socket: {
      name: TLS_SOCKET,
      typed_config: typed("envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext", {
        common_tls_context: {
          ...certificates(),
          ...(alpn.length ? { alpn_protocols: alpn } : {}),
          validation_context: {
            trusted_ca: { filename: ROOT_CERT },
            match_typed_subject_alt_names: [{ san_type: "URI", matcher: { exact: peer } }],
          },
        },
      }),
    },
  };
}

/** The callee's side: require a client certificate signed by the mesh's root. */
export function downstreamTls(alpn: readonly string[]): object {
  return {
    transport_socket: {
      name: TLS_SOCKET,
      typed_config: typed("envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext", {
        require_client_certificate: true,
        common_tls_context: {
          ...certificates(),
          ...(alpn.length ? { alpn_protocols: alpn } : {}),
          validation_context: { trusted_ca: { filename: ROOT_CERT } },
        },
      }),
    },
  };
}

/** Whether callers speak mTLS to this service: everything but "disable" (permissive accepts both). */
export function callersUseTls(callee: ServiceModel): boolean {
  return callee.access.mtls !== "disable";
}
