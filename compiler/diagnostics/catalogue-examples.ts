// Written examples for docs/diagnostics.md, for the codes no fixture can show cheaply: a time or memory
// limit (slow to hit on purpose), the generated-registry warning, a finding normalize makes unreachable, internal
// errors, the Envoy and Istio validators' findings (which concern generated files, not policies) and the output
// folder's refusals (which concern the operator's machine: test/cli/out-folder.test.ts and out-environment.test.ts
// produce them). Every other code's example is a real baseline.
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
  MESH016: written(`mesh.ts:1:1  error MESH016  the checks stage was still running when the build's 600000 ms budget ran out; meshc stopped instead of running on.
  hint: raise the budget with --compile-timeout <ms> if the policy is simply large`),
  MESH207: written(`out/envoy/gateway-v1/zone-a/lds.yaml:41:30  error MESH207  out/envoy/gateway-v1/zone-a/lds.yaml: resources[0]...safe_regex.regex: the RE2 program of this regex has more than 100 instructions, so Envoy refuses it [re2.max_program_size.error_level = 100]`),
  MESH010: written(`mesh.ts:1:1  warning MESH010  meshc-env.d.ts is out of date with the policy's services and versions.

  1 import { defineMesh, svc } from "meshc";
    ~
  hint: run \`meshc types mesh.ts\``),
  MESH020: written(`meshc  error MESH020  refusing to replace "/home/ops/notes": it is not empty and holds no manifest.json of an earlier meshc build. Nothing was changed.
  hint: meshc replaces only a missing or empty folder or its own earlier output: choose another --out, or empty this one yourself`),
  MESH021: written(`meshc  error MESH021  cannot write "/mnt/ro/out" (at "/mnt/ro/.out.meshc-new-5bce98f7-25671-XXXXXX"): read-only file system (EROFS); the previous output is untouched.`),
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
  MESH810: written(`bomb.yaml:3:6  error MESH810  (document): the anchor &a is refused: meshc never writes YAML anchors or aliases (expanding them can blow a small file up to gigabytes) [YAML]`),
  MESH811: written(`empty.yaml:1:1  error MESH811  (document): the document holds no value (it is empty, only comments or \`---\`, or null): Envoy refuses it ("Unable to convert YAML as JSON") [YAML]`),
  MESH850: written(`out/istio/cn-bj2-02/orders.yaml:14:3  error MESH850  istio/cn-bj2-02/orders.yaml: document 2: the document is not valid YAML: Map keys must be unique`),
  MESH851: written(`out/istio/cn-bj2-02/orders.yaml:1:13  error MESH851  istio/cn-bj2-02/orders.yaml: PeerAuthentication shop/orders: apiVersion: Unsupported value: "security.istio.io/v1alpha3": Istio's CRDs serve PeerAuthentication as security.istio.io/v1, security.istio.io/v1beta1`),
  MESH852: written(`out/istio/cn-bj2-02/orders.yaml:9:11  error MESH852  istio/cn-bj2-02/orders.yaml: PeerAuthentication shop/orders: spec.mtls.mode: Unsupported value: "STRICTER": supported values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT"`),
  MESH853: written(`out/istio/cn-bj2-02/orders.yaml:12:5  error MESH853  istio/cn-bj2-02/orders.yaml: DestinationRule shop/orders: unknown field "spec.trafficPolicy.outlierDetecton"`),
  MESH854: written(`out/istio/cn-bj2-02/mesh.yaml:20:7  error MESH854  istio/cn-bj2-02/mesh.yaml: ServiceEntry istio-system/pay-example-com: spec.ports[1]: Duplicate value: map[string]interface {}{"name":"https"}`),
  MESH855: written(`out/istio/cn-bj2-02/mesh.yaml:18:7  error MESH855  istio/cn-bj2-02/mesh.yaml: ServiceEntry istio-system/pay-example-com: spec.ports[0].number: Invalid value: "integer": port must be between 1-65535
  hint: x-kubernetes-validations rule: 0 < self && self <= 65535`),
  MESH856: written(`out/istio/cn-bj2-02/orders.yaml:22:20  error MESH856  istio/cn-bj2-02/orders.yaml: RequestAuthentication shop/orders: spec.jwtRules[0].timeout: Invalid value: "string": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: must be a valid duration greater than 1ms
  hint: x-kubernetes-validations rule: duration(self) >= duration('1ms')`),
  MESH857: written(`out/istio/cn-bj2-02/orders.yaml:1:13  warning MESH857  istio/cn-bj2-02/orders.yaml: VirtualService shop/orders: apiVersion: Invalid value: "networking.istio.io/v1alpha3": (the CRD version's deprecationWarning; Istio's current CRDs deprecate none of the versions meshc writes)`),
  MESH820: written(`kubernetes/cn-bj2-02/orders.yaml:40:1  error MESH820  kubernetes/cn-bj2-02/orders.yaml: Implicit keys need to be on a single line`),
  MESH821: written(`kubernetes/cn-bj2-02/orders.yaml:212:30  error MESH821  Deployment orders-v1-cn-bj2-02: /spec/template/spec/containers/0/ports/0/containerPort must be of type integer [Kubernetes 1.36 OpenAPI]`),
  MESH822: written(`kubernetes/cn-bj2-02/1pay.yaml:18:9  error MESH822  Service 1pay: Service name '1pay' must be a DNS-1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit`),
  MESH823: written(`kubernetes/cn-bj2-02/orders.yaml:190:15  error MESH823  Deployment orders-v1-cn-bj2-02: selector version=v1 does not match the pod template's labels`),
  MESH824: written(`kubernetes/cn-bj2-02/orders.yaml:6:5  error MESH824  ConfigMap orders-v1-envoy-cn-bj2-02-3f1c09a2b4: annotations total 262300 bytes, above the API server's 262144`),
  MESH825: written(`kubernetes/cn-bj2-02/orders.yaml:2:7  error MESH825  policy/v1 PodDisruptionBudget has no schema in meshc's pinned Kubernetes 1.36 set`),
  MESH826: written(`kubernetes/cn-bj2-02/kustomization.yaml:9:9  error MESH826  kubernetes/cn-bj2-02/kustomization.yaml: file files/orders/envoy/cds.yaml is not a file the build writes`),
  MESH830: written(`kubernetes/cn-bj2-02/kustomization.yaml:40:7  error MESH830  kubernetes/cn-bj2-02/kustomization.yaml: ConfigMap gateway-envoy-cn-bj2-02-9b0e4d1c2a holds 801234 bytes, above meshc's budget of 786432 (the API server's limit is 1 MiB)`),
  MESH831: written(`kubernetes/cn-bj2-02/gateway.yaml:1:1  error MESH831  Deployment gateway-v1-cn-bj2-02 is 1100000 bytes as JSON, above meshc's budget of 1048576`),
  MESH900: written(`meshc  error MESH900  the check 'routes' failed: Cannot read properties of undefined (reading 'match')`),
};
