// Written examples for docs/diagnostics.md, for the codes no fixture can show cheaply: a time or memory
// limit (slow to hit on purpose), the generated-registry warning, a finding normalize makes unreachable, internal
// errors and the Envoy and Kubernetes validators' findings (which concern generated files, not policies). Every other code's example is a real baseline.
import type { CodeExample } from "./catalogue-doc";

const written = (text: string): CodeExample => ({ source: "illustrative, written for this page", text });

export const WRITTEN_EXAMPLES: Readonly<Record<string, CodeExample>> = {
  MESH006: written(`mesh.ts:4:1  error MESH006  the policy did not finish evaluating within 15000 ms.

  4 while (true) {}
    ~~~~~~~~~~~~~~`),
  MESH007: written(`mesh.ts:3:1  error MESH007  the policy exceeded the memory limit (256 MiB) while evaluating.

  3 const rows = []; for (;;) rows.push(new Array(1e6).fill("x"));
    ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~`),
  MESH010: written(`mesh.ts:1:1  warning MESH010  meshc-env.d.ts is out of date with the policy's services and versions.

  1 import { defineMesh, svc } from "meshc";
    ~
  hint: run \`meshc types mesh.ts\``),
  // normalize prints every CIDR canonically, so only a model built by other means (a test, a tool) reaches MESH601.
  MESH601: written(`mesh.ts:9:37  error MESH601  "10.1.2.3/8" in 'excludeOutboundCidrs' is not a canonical IP address or CIDR.`),
  MESH800: written(`out/envoy/orders-v1/bootstrap.yaml:3:5  error MESH800  the document is not valid YAML: bad indentation of a mapping entry.`),
  MESH801: written(`out/envoy/orders-v1/cds.yaml:12:7  error MESH801  envoy.config.cluster.v3.Cluster has no field 'conect_timeout'; did you mean 'connect_timeout'?`),
  MESH802: written(`out/envoy/orders-v1/cds.yaml:14:22  error MESH802  envoy.config.cluster.v3.Cluster.per_connection_buffer_limit_bytes: expected an integer, got "1MiB".`),
  MESH803: written(`out/envoy/orders-v1/cds.yaml:9:17  error MESH803  envoy.config.cluster.v3.Cluster.lb_policy: 'ROUND_ROBBIN' is not a value of LbPolicy.`),
  MESH804: written(`out/envoy/orders-v1/lds.yaml:20:11  error MESH804  typed_config has no "@type".`),
  MESH805: written(`out/envoy/orders-v1/lds.yaml:7:19  error MESH805  port_value 70000 breaks [uint32.lte = 65535].`),
  MESH806: written(`out/envoy/orders-v1/cds.yaml:5:5  error MESH806  envoy.config.cluster.v3.Cluster sets both 'type' and 'cluster_type' (oneof cluster_discovery_type).`),
  MESH807: written(`out/envoy/orders-v1/lds.yaml:31:9  warning MESH807  'use_original_dst' is deprecated.`),
  MESH808: written(`out/envoy/orders-v1/lds.yaml:2:5  error MESH808  an lds file holds a envoy.config.cluster.v3.Cluster resource.`),
  MESH820: written(`kubernetes/cn-bj2-02/orders.yaml:40:1  error MESH820  kubernetes/cn-bj2-02/orders.yaml: Implicit keys need to be on a single line`),
  MESH821: written(`kubernetes/cn-bj2-02/orders.yaml:212:30  error MESH821  Deployment orders-v1-cn-bj2-02: /spec/template/spec/containers/0/ports/0/containerPort must be of type integer [Kubernetes 1.36 OpenAPI]`),
  MESH822: written(`kubernetes/cn-bj2-02/1pay.yaml:18:9  error MESH822  Service 1pay: Service name '1pay' must be a DNS-1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit`),
  MESH823: written(`kubernetes/cn-bj2-02/orders.yaml:190:15  error MESH823  Deployment orders-v1-cn-bj2-02: selector version=v1 does not match the pod template's labels`),
  MESH824: written(`kubernetes/cn-bj2-02/orders.yaml:6:5  error MESH824  ConfigMap orders-v1-envoy-cn-bj2-02-3f1c09a2b4: annotations total 262300 bytes, above the API server's 262144`),
  MESH825: written(`kubernetes/cn-bj2-02/orders.yaml:2:7  error MESH825  policy/v1 PodDisruptionBudget has no schema in meshc's pinned Kubernetes 1.36 set`),
  MESH830: written(`kubernetes/cn-bj2-02/gateway.yaml:3:3  error MESH830  ConfigMap gateway-v1-envoy-cn-bj2-02-9b0e4d1c2a holds 801234 bytes, above meshc's budget of 786432 (the API server's limit is 1 MiB)`),
  MESH831: written(`kubernetes/cn-bj2-02/gateway.yaml:1:1  error MESH831  Deployment gateway-v1-cn-bj2-02 is 1100000 bytes as JSON, above meshc's budget of 1048576`),
  MESH900: written(`meshc  error MESH900  the check 'routes' failed: Cannot read properties of undefined (reading 'match')`),
};
