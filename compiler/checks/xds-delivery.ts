// With the xds delivery every sidecar of a zone dials the one port of its zone's `meshc serve`, and a port
// either requires client certificates or takes none: a gRPC server's credentials are TLS or plaintext, never
// both on one port. The server requires certificates as soon as one service uses mTLS (its identity is what
// the certificate proves, docs/serve.md "Identity"), so the sidecars of the services with `mtls: "disable"`,
// which have no certificate and dial plaintext, would be refused and never get a config. Serving both would
// take a second, plaintext port and a second address in those sidecars' bootstrap; a plaintext port would also
// serve a claimed identity nobody proves. So the build says so, at each such service, before anything ships.
// Not in the check registry: it depends on the build's delivery, not on the policy alone.
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { MeshModel, ServiceModel } from "../model";
import { finding } from "./finding";
import { servicePath } from "./paths";

const usesMtls = (s: ServiceModel): boolean => s.access.mtls !== "disable";

export function xdsDeliveryFindings(mesh: MeshModel): Diagnostic[] {
  const withMtls = mesh.services.find(usesMtls);
  if (!withMtls) return [];
  return mesh.services
    .filter((s) => !usesMtls(s))
    .map((s) =>
      finding("MESH050", `${servicePath(s.name)}.access.mtls`, `service '${s.name}' disables mTLS, but its sidecars get their config over xDS from a server that requires client certificates, because '${withMtls.name}' uses mTLS: they would be refused.`, {
        related: [{ path: servicePath(withMtls.name), message: `'${withMtls.name}' uses mTLS (${withMtls.access.mtls})` }],
        hint: `give '${s.name}' mTLS ("strict" or "permissive"), or build with --delivery files`,
      }),
    );
}
