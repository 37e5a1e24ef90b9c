// The catalogue of meshc diagnostic codes. A released code is never renumbered or reused: users search
// for them. Families: MESH0xx load/sandbox/typecheck, 1xx references and names, 2xx routing, 3xx resilience,
// 4xx security, 5xx zones and drills, 6xx capture, 7xx network literals, 8xx Envoy validation (85x Istio validation), 9xx internal.
// 4xx security, 5xx zones and drills, 6xx capture, 7xx network literals, 8xx validation of generated files
// (80x Envoy, 82x-83x Kubernetes), 9xx internal.
import type { Severity } from "./diagnostic";

export interface CodeInfo {
  readonly severity: Severity;
  /** One line: what is wrong. */
  readonly title: string;
  /** How to fix it (docs/diagnostics.md is generated from this table). */
  readonly fix: string;
}

export const codes = {
  // ── load and sandbox ──────────────────────────────────────────────────────────────────────────
  MESH001: { severity: "error", title: "syntax error in a policy file", fix: "Fix the syntax at the marked spot." },
  MESH002: { severity: "error", title: "import of a module that is not part of the policy", fix: "Policies may import only \"meshc\" and their own .ts/.js files; node built-ins and other packages are not available." },
  MESH003: { severity: "error", title: "import of a file outside the policy's root folder", fix: "Move the file under the folder of the entry file, or import it from there." },
  MESH004: { severity: "error", title: "import of a file that is not TypeScript or JavaScript source", fix: "Write the data as a .ts module that exports it." },
  MESH005: { severity: "error", title: "the policy threw while it was evaluated", fix: "Fix the code at the marked spot; a policy must evaluate to data without throwing." },
  MESH006: { severity: "error", title: "the policy did not finish evaluating within the time limit", fix: "Remove the endless loop or the expensive computation." },
  MESH007: { severity: "error", title: "the policy exceeded the memory limit while evaluating", fix: "Remove the unbounded allocation." },
  MESH008: { severity: "error", title: "the entry file does not export a mesh", fix: "Make the entry file `export default defineMesh({ ... })`." },
  MESH009: { severity: "error", title: "the policy used a host API (process, fetch, require, file system …)", fix: "A policy is data: it gets no file system, network, process or environment access. Compute the value in the policy itself." },
  MESH010: { severity: "warning", title: "meshc-env.d.ts is missing or out of date", fix: "Run `meshc types <entry.ts>` so editors see the current services and versions." },
  MESH011: { severity: "error", title: "a policy value is not plain data", fix: "Use only objects, arrays, strings, numbers, booleans and meshc values (no functions, classes, Map, Date, NaN …)." },
  MESH015: { severity: "error", title: "the policy read the clock or Math.random", fix: "A policy must give the same result on every build: write the value itself instead of computing it from the time or randomness." },
  // ── writing the output (exit status 2: the operator's folder or machine, not the policy) ─────────────
  MESH020: { severity: "error", title: "--out names a folder a build may not replace", fix: "A build replaces its output folder as a whole, so it writes only into a missing or empty folder or its own earlier output (its manifest.json listing what is there), never the working, home or policy folder or one above them: choose another --out, or empty the folder yourself." },
  MESH021: { severity: "error", title: "the file system refused to let meshc write its output", fix: "The message names the path and the operating system's reason (read-only file system, no space left, permission denied …): fix that and build again. The previous output is untouched." },
  MESH016: { severity: "error", title: "compiling the policy took longer than the build's time budget", fix: "Something in the policy makes a compile stage slow (the message names the stage): look for very long lists, huge regexes or routing tests over them, and split or simplify them." },
  // ── normalize: values that cannot be turned into the model ─────────────────────────────────────
  MESH012: { severity: "error", title: "a value has the wrong shape", fix: "Give the field the type its documentation names (hover it in the editor)." },
  MESH013: { severity: "error", title: "invalid duration", fix: "Write a duration as a number and a unit: \"250ms\", \"3s\", \"1m\", \"1h\"; at most 24h, and not below 1ms unless it is 0." },
  MESH014: { severity: "error", title: "invalid IP address or CIDR", fix: "Write an IPv4 or IPv6 address, or address/prefix-length, e.g. \"10.0.0.0/8\" or \"fd00::/8\"." },
  // ── meshc inject (03x): the Deployments a team hands to `meshc inject` ─────────────────────────────
  MESH030: { severity: "error", title: "a Deployment names no service of the policy", fix: "Give the pod template the label `app: <service>` naming a service of the policy (and `version: <version>` when the service has several versions)." },
  MESH031: { severity: "error", title: "the workload already runs another mesh's sidecar", fix: "Remove the other sidecar (Istio's istio-proxy, Linkerd's linkerd-proxy, an Envoy container …) and its injection labels or annotations first: two proxies would capture the same traffic." },
  MESH032: { severity: "error", title: "a Deployment's version label names no version of its service", fix: "Set the pod template's `version` label to one of the service's `versions`." },
  MESH033: { severity: "error", title: "the zone of a Deployment is unknown or not a zone of the mesh", fix: "Pass `--zone <zone>` naming one of the mesh's `zones`, or pin the Deployment with a `topology.kubernetes.io/zone` nodeSelector; a pod must run its own zone's config." },
  MESH034: { severity: "error", title: "a Deployment runs as another ServiceAccount than its service's identity", fix: "Set `serviceAccountName` to the service's name (or remove it): the ServiceAccount is the mTLS identity the callees' access rules admit." },
  MESH035: { severity: "error", title: "the file to inject is not YAML, or holds no Deployment", fix: "Pass a YAML file holding Deployments (apps/v1), or a List of them." },
  // ── delivery (05x): what the build's delivery mode cannot carry ───────────────────────────────
  MESH050: { severity: "error", title: "a mesh delivered over xDS mixes services with mTLS and without", fix: "A zone's `meshc serve` listens on one port, which requires client certificates when any service uses mTLS; the sidecars of services with `mtls: \"disable\"` would be refused. Give every service mTLS (\"strict\" or \"permissive\"), or deliver with files (`--delivery files`)." },
  // ── references and names (1xx) ─────────────────────────────────────────────────────────────
  MESH100: { severity: "error", title: "two different services have the same name", fix: "Service names must be unique in the mesh: rename one of them." },
  MESH101: { severity: "error", title: "reference to a service the mesh does not define", fix: "Reference a service that exists (`svc.<name>`), or add the missing service to the mesh's `services`." },
  MESH102: { severity: "error", title: "reference to a version the service does not declare", fix: "Use one of the service's `versions`, or add the version there." },
  MESH103: { severity: "error", title: "a name is not a valid Kubernetes DNS-1123 label", fix: "Use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. \"order-api\"); a service's name also names its Kubernetes Services, so it starts with a letter." },
  MESH104: { severity: "error", title: "a service declares the same version twice", fix: "List each version once in `versions`." },
  MESH105: { severity: "error", title: "two routes of a service have the same name", fix: "Give every route of the service its own `name` (names appear in diagnostics, `explain` and the Envoy route table)." },
  MESH106: { severity: "error", title: "the mesh lists the same zone twice", fix: "List each zone once in `zones`; the order is the failover preference." },
  MESH107: { severity: "error", title: "a port name is not a valid Kubernetes port name", fix: "Use at most 15 lower-case letters, digits and '-', with at least one letter, no leading, trailing or doubled '-' (e.g. \"http-api\")." },
  MESH108: { severity: "error", title: "an external host is not a DNS name meshc can resolve", fix: "Write the host as an RFC 1123 name: at most 253 characters, labels of at most 63 letters, digits and '-' separated by '.', no wildcard (the egress clusters resolve the name by DNS, so `*.example.com` cannot work), no trailing '.', not an IP address (give the host a name and its addresses in `addresses`)." },
  MESH109: { severity: "error", title: "two external hosts differ only in case", fix: "DNS names are case-insensitive, so both keys name one host (and would compile to duplicate clusters and domains): keep one of them." },
  MESH110: { severity: "error", title: "an external host is a name of a mesh service", fix: "A service of the mesh is already reached by `<name>`, `<name>.<namespace>`, `<name>.<namespace>.svc` and its cluster-local name: remove the external entry, or rename it." },
  MESH111: { severity: "error", title: "`__proto__:` in an object literal sets the object's prototype instead of adding a key", fix: "The value under a `__proto__:` key never becomes data (JavaScript makes it the prototype, or drops it): rename the key." },
  MESH112: { severity: "error", title: "a service that is called, or an external host, declares no ports", fix: "Sidecars get a listener and a cluster per declared port: give the service (or the external host) its ports, e.g. `ports: { http: 8080 }`." },
  MESH113: { severity: "error", title: "a match or a routing test names a header, query parameter, value or method no request can carry", fix: "Header and query parameter names are RFC 7230 tokens (letters, digits and !#$%&'*+-.^_`|~, at most 1024 characters); values hold no control characters and at most 8192 characters; methods are GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, CONNECT or TRACE." },
  MESH114: { severity: "error", title: "one match or request names the same header twice, in different case", fix: "Header names are case-insensitive (RFC 9110 §5.1), so both conditions apply to one header and the route can never match: keep one of them." },
  MESH115: { severity: "error", title: "a path does not start with '/' or holds characters a request path cannot", fix: "Request paths start with '/' and hold no spaces or control characters (e.g. \"/api/\"): a path match, probe path or routing test path without them never meets a request." },
  MESH116: { severity: "error", title: "the tracing address's host is not a host name or IP address", fix: "Write the collector as host:port with an RFC 1123 host name or an IP address, e.g. \"zipkin.observability:9411\" or \"[fd00::9]:9411\"." },
  MESH117: { severity: "error", title: "the tracing sample percentage is out of range", fix: "Give `samplePercent` a value from 0 to 100." },
  MESH118: { severity: "error", title: "a container image is not a valid image reference", fix: "Write `[registry/]repository[:tag][@digest]` in lower case, e.g. \"registry.example.com/shop/orders:{version}\" (at most 255 characters for the name, 128 for the tag)." },
  MESH119: { severity: "error", title: "a route, drill or routing test name is empty, too long or holds control characters", fix: "Give it a name of 1 to 253 characters without control or line-separator characters: route names are written into the Envoy configuration, and every name is printed in diagnostics." },
  // ── routing (2xx) ─────────────────────────────────────────────────────────────────────────────
  MESH200: { severity: "error", title: "the weights of a route do not sum to 100", fix: "Make the weights in `to` add up to exactly 100 (e.g. { v1: 90, v2: 10 })." },
  MESH201: { severity: "error", title: "a route weight is not a whole number from 0 to 100", fix: "Give each version a whole-number weight between 0 and 100 (Envoy and Istio weights are integers: write { v1: 33, v2: 33, v3: 34 }, not 33.3)." },
  MESH202: { severity: "error", title: "a route can never match: an earlier route takes all of its requests", fix: "Move the route before the route that shadows it, narrow the earlier route's `when`, or delete the unreachable one." },
  MESH203: { severity: "error", title: "a regular expression is not valid RE2", fix: "Envoy matches with RE2: no lookahead/lookbehind, backreferences, atomic groups or possessive quantifiers; repetition counts at most 1000, also multiplied through nested repetitions ((a{1000}){1000} is refused). The regex must match the whole value." },
  MESH206: { severity: "error", title: "a regular expression is larger than Envoy accepts", fix: "Envoy refuses a regex whose RE2 program exceeds 100 instructions (runtime key re2.max_program_size.error_level): shorten counted repetitions such as [a-z]{101}, long alternations and Unicode classes, or match a prefix or a list of exact values instead." },
  MESH207: { severity: "error", title: "a generated Envoy document holds a safe_regex that RE2 or Envoy's program-size limit refuses", fix: "A bug in the Envoy target (or a hand-edited file): every regex the target writes must be valid RE2 within 100 program instructions, or Envoy refuses the whole document." },
  MESH208: { severity: "error", title: "a route's lists of exact values expand to too many Envoy routes", fix: "A list of exact values too long for one Envoy regex becomes several copies of its route; two or more such lists multiply. Split the route so that each has at most one long list, or match a prefix or a regex." },
  MESH204: { severity: "error", title: "a route mirrors traffic to a version it already sends that traffic to", fix: "Mirror to another service or another version, or remove the `mirror`." },
  MESH205: { severity: "error", title: "a mirror percentage is out of range", fix: "Give `percent` a value above 0 and at most 100, and not below 0.0001 (Envoy's precision: a smaller share rounds to 0)." },
  MESH210: { severity: "error", title: "a routing test failed: the request lands on another version", fix: "Fix the routes (the message names the route that matched), or the test's expectation." },
  MESH211: { severity: "error", title: "a routing test's request would be denied by the called service's access policy", fix: "Add the caller to the called service's `access.allowFrom`, or test with a caller that is allowed." },
  MESH212: { severity: "error", title: "a routing test's caller does not list the called service in `calls`", fix: "Add the called service to the caller's `calls` (its sidecar only routes to services it calls), or test another caller." },
  MESH213: { severity: "error", title: "a routing test expects one version of a route that splits traffic", fix: "The route sends a share of these requests to each of its versions, so a `version` expectation passes while some requests land elsewhere: expect the split (`expect: { split: { v1: 90, v2: 10 } }`, the message gives it), or send a request that a single-version route takes." },
  MESH214: { severity: "error", title: "a routing test failed: the route splits traffic with other weights than the test expects", fix: "Fix the route's weights (the message names the route that matched), or the test's `split`." },
  MESH215: { severity: "error", title: "a routing test's expected split is not a split of 100", fix: "Give each version in `split` a weight from 0 to 100, the weights summing to exactly 100 (e.g. { v1: 90, v2: 10 }); leave out a version that gets nothing." },
  // ── resilience (3xx) ──────────────────────────────────────────────────────────────────────────
  MESH300: { severity: "warning", title: "the retries cannot all run within the route's timeout", fix: "Make (attempts + 1) × perTryTimeout fit in the route timeout: lower `attempts` or `perTryTimeout`, or raise `timeout`." },
  MESH301: { severity: "error", title: "the retry back-off maximum is below its base", fix: "Set `backoff.max` to at least `backoff.base` (Envoy rejects the config otherwise)." },
  MESH302: { severity: "error", title: "unknown retry condition", fix: "Use Envoy's retry_on names: 5xx, gateway-error, reset, connect-failure, retriable-4xx, refused-stream, cancelled, deadline-exceeded, resource-exhausted, unavailable." },
  MESH303: { severity: "error", title: "an overload (circuit-breaker) limit is out of range", fix: "Give connection, pending-request and request limits a whole number from 1 to 4294967295, `maxRetries` from 0, and `connectTimeout` above 0." },
  MESH304: { severity: "error", title: "an outlier-ejection value is out of range", fix: "`consecutive5xx` a whole number from 1 to 4294967295, `interval` and `baseTime` above 0, `maxPercent` a whole number from 0 to 100." },
  MESH305: { severity: "error", title: "a rate limit is out of range", fix: "`requestsPerSecond` must be a whole number from 1 to 4294967295; `burst` a whole number from 0 to 4294967295 (Envoy's token bucket counts in uint32)." },
  MESH306: { severity: "error", title: "retry attempts out of range", fix: "`attempts` is the number of retries after the first try: a whole number from 0 (no retries) to 10." },
  MESH307: { severity: "error", title: "a retry's per-try timeout or back-off is 0", fix: "Give `perTryTimeout`, `backoff.base` and `backoff.max` at least 1ms (Envoy requires positive values); leave `perTryTimeout` out to share the route timeout between the tries." },
  // ── security (4xx) ────────────────────────────────────────────────────────────────────────────
  MESH400: { severity: "error", title: "a service calls another whose `allowFrom` does not admit it", fix: "Add the caller to the callee's `access.allowFrom`, or remove the callee from the caller's `calls`: otherwise every one of these calls is denied." },
  MESH401: { severity: "error", title: "`allowFrom` cannot be enforced with mTLS disabled", fix: "Callers are identified by their mTLS certificates: set `mtls` to \"strict\" (or \"permissive\"), or drop `allowFrom`." },
  // ── zones and drills (5xx) ──────────────────────────────────────────────────────────────────
  MESH500: { severity: "error", title: "the build names a drill the policy does not define", fix: "Pass `--drill` one of the names under the mesh's `drills`." },
  MESH501: { severity: "error", title: "a drill names a service the mesh does not define", fix: "Point the drill's `target` and `from` at services of the mesh (`svc.<name>`)." },
  MESH502: { severity: "error", title: "a drill names a zone the mesh does not declare", fix: "Use zones from the mesh's `zones`." },
  MESH503: { severity: "error", title: "a drill's percentage or abort status is out of range", fix: "`percent` above 0 and at most 100, in steps of at least 0.0001 (Envoy's precision: a smaller share rounds to 0); an abort `status` from 200 to 599." },
  MESH504: { severity: "error", title: "the mesh declares no zones", fix: "List at least one availability zone in `zones` (the `topology.kubernetes.io/zone` values of the nodes)." },
  MESH505: { severity: "warning", title: "a drill has no effect: nothing in it calls its target", fix: "Faults are injected in the callers' sidecars: make sure the target is in the `calls` of the services the drill applies to." },
  MESH506: { severity: "error", title: "a zone name is not a valid Kubernetes label value", fix: "At most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit." },
  MESH507: { severity: "error", title: "a drill's delay is not above 0", fix: "Give `delay.fixed` a positive duration, e.g. \"2s\" (Envoy's fault filter rejects a zero delay)." },
  MESH508: { severity: "error", title: "replicas out of range", fix: "`replicas` is the number of pods per version and zone: a whole number from 1 to 1000." },
  MESH510: { severity: "warning", title: "zone failover cannot eject a whole zone", fix: "Envoy fails a zone over only as it ejects the zone's hosts, and never ejects more than `maxPercent` of a service's hosts across all zones: raise `maxPercent` to at least 100 ÷ the number of zones (leave it out for the failover default of 100), or set `failover: \"none\"`." },
  // ── traffic capture (6xx) ─────────────────────────────────────────────────────────────────────
  MESH600: { severity: "error", title: "a capture port is out of range", fix: "Use a whole number from 1 to 65535 in `includeInboundPorts`, `excludeInboundPorts` and `excludeOutboundPorts`." },
  MESH601: { severity: "error", title: "a capture CIDR is not a canonical IP address or CIDR", fix: "Write an IPv4 or IPv6 CIDR such as \"10.96.0.0/12\" or \"fd00:10:96::/112\"." },
  MESH602: { severity: "error", title: "`includeInboundPorts` names a port the sidecar reserves", fix: "Capturing the sidecar's own ports (15000, 15001, 15006, 15020, 15021, 15053, 15090) would loop traffic into the proxy: remove it." },
  MESH603: { severity: "warning", title: "a capture exclusion names a port the sidecar reserves, which is never captured anyway", fix: "Remove the port from the exclusion list." },
  MESH604: { severity: "error", title: "a port is both included and excluded for inbound capture", fix: "List the port in `includeInboundPorts` or in `excludeInboundPorts`, not both." },
  MESH605: { severity: "error", title: "an included outbound CIDR lies entirely inside an excluded one, so it captures nothing", fix: "Remove the include, or narrow the exclusion that covers it." },
  MESH606: { severity: "error", title: "DNS capture is on, but outbound port 53 is excluded", fix: "Remove 53 from `excludeOutboundPorts`, or set `dns: false`: DNS over TCP would bypass the sidecar's DNS proxy while UDP is captured." },
  MESH607: { severity: "warning", title: "`includeOutboundCidrs` captures no destination of one of the mesh's IP families", fix: "Add CIDRs of that family (e.g. \"::/0\" for every IPv6 destination), or that family's outbound traffic bypasses the sidecar entirely." },
  MESH608: { severity: "warning", title: "TPROXY mode, but no inbound port is captured", fix: "TPROXY changes only how inbound traffic is captured: capture some inbound ports, or use mode \"redirect\"." },
  // ── network literals (7xx) ──────────────────────────────────────────────────────────────────
  MESH700: { severity: "error", title: "an IPv4 literal in an IPv6-only mesh", fix: "Pods of an IPv6-only mesh have no IPv4 address: use an IPv6 address or CIDR, or set `ipFamily: \"dual\"`." },
  MESH701: { severity: "error", title: "an IPv6 literal in an IPv4-only mesh", fix: "Pods of an IPv4-only mesh have no IPv6 address: use an IPv4 address or CIDR, or set `ipFamily: \"dual\"`." },
  MESH702: { severity: "error", title: "a port collides with a port the sidecar reserves", fix: "Move the application off 15000, 15001, 15006, 15020, 15021, 15053 and 15090 (the sidecar's admin, capture, health, DNS and metrics ports)." },
  MESH703: { severity: "error", title: "two ports of a service use the same number", fix: "Give each named port its own number." },
  MESH704: { severity: "error", title: "a port number is out of range", fix: "Use a port from 1 to 65535." },
  MESH705: { severity: "warning", title: "the health-probe port is also a service port, so its traffic bypasses the sidecar", fix: "Serve health checks on a port of their own: the probe port is excluded from capture, so mTLS and `allowFrom` would not apply to that service port." },
  // ── Envoy validation (8xx): generated Envoy documents checked against Envoy's own protos ─────────
  MESH800: { severity: "error", title: "an Envoy document is not valid YAML or JSON", fix: "This is a bug in the Envoy target (or a hand-edited file): the document must parse as YAML." },
  MESH801: { severity: "error", title: "an Envoy document has a field its proto message does not define", fix: "Remove or rename the field (the message names the proto message and suggests the closest field); Envoy rejects unknown fields." },
  MESH802: { severity: "error", title: "an Envoy field has a value of the wrong type or out of range", fix: "Give the field the JSON type its proto type maps to (strings quoted, integers in range, durations like \"1.5s\")." },
  MESH803: { severity: "error", title: "an Envoy enum field has a value its enum does not define", fix: "Use one of the enum value names listed in the message." },
  MESH804: { severity: "error", title: "an Envoy Any (typed_config) has a missing or unknown @type", fix: "Set \"@type\" to type.googleapis.com/<message> naming a message of Envoy's API." },
  MESH805: { severity: "error", title: "an Envoy field breaks a protoc-gen-validate rule of Envoy's API", fix: "Change the value so it satisfies the rule named in brackets (e.g. uint32.lte = 65535, string.min_len = 1, message.required)." },
  MESH806: { severity: "error", title: "an Envoy message sets two members of a oneof, or one field twice", fix: "Keep only one of the fields the message names." },
  MESH807: { severity: "warning", title: "an Envoy document uses a deprecated field or enum value", fix: "Use the replacement named in Envoy's API documentation; deprecated fields are removed in later Envoy versions." },
  MESH808: { severity: "error", title: "an xDS file holds a resource of the wrong type", fix: "An lds file holds only envoy.config.listener.v3.Listener resources, a cds file only envoy.config.cluster.v3.Cluster." },
  MESH810: { severity: "error", title: "a YAML document uses anchors or aliases", fix: "meshc never writes anchors (&a) or aliases (*a), and expanding them can turn a few hundred bytes into gigabytes (an alias bomb): write each value out in full." },
  MESH811: { severity: "error", title: "an Envoy document is empty", fix: "The file holds no YAML value (it is empty, or only comments or `---`): Envoy refuses it (\"Unable to convert YAML as JSON\"). Write the document's mapping, or remove the file." },
  // ── Istio validation (85x): generated Istio objects checked against Istio's CRDs as the API server would ──
  MESH850: { severity: "error", title: "an Istio file is not valid YAML, or a document in it is not an object", fix: "This is a bug in the Istio target (or a hand-edited file): every document must parse as YAML and be one Kubernetes object." },
  MESH851: { severity: "error", title: "an Istio object has an apiVersion or kind that no Istio CRD serves", fix: "Use a group/version and kind that Istio's CRDs serve; the message lists the versions served for the kind." },
  MESH852: { severity: "error", title: "an Istio object breaks the OpenAPI v3 schema of its CRD", fix: "Change the field the message names so it fits the schema (type, required, enum, pattern, bounds, lengths, oneOf); the message is the API server's." },
  MESH853: { severity: "error", title: "an Istio object has a field its CRD does not declare", fix: "Remove or rename the field: `kubectl apply --validate=strict` rejects it, and without strict validation the API server silently drops it." },
  MESH854: { severity: "error", title: "an Istio list that is a set or a map by key holds a duplicate", fix: "Give each item of the list its own value (for list-type map: its own key fields, e.g. a port's name)." },
  MESH855: { severity: "error", title: "an Istio object breaks an x-kubernetes-validations rule of its CRD", fix: "Change the object so the CEL rule in the hint holds; the message is the rule's own." },
  MESH856: { severity: "error", title: "an x-kubernetes-validations rule of Istio's CRD cannot be evaluated on the object", fix: "The API server rejects the object as well (e.g. a missing key, a string that is not a duration or URL): fix the value the message names." },
  MESH857: { severity: "warning", title: "an Istio object uses a deprecated API version", fix: "Use the version the warning names." },
  // ── Istio output (86x: what the chosen Istio API cannot express; 87x: checks across the generated objects) ──
  MESH860: { severity: "warning", title: "a retry back-off, which no Istio release can set", fix: "Istio's HTTPRetry has no back-off field, so the Istio output retries with Envoy's default (25ms base, 250ms cap). Drop `backoff` for the same retries everywhere, or accept the default on Istio." },
  MESH861: { severity: "warning", title: "a feature needs a newer Istio release than the chosen --istio-api level implies", fix: "The message names the feature and the release that has it: make sure the cluster runs it, build for a newer --istio-api, or configure the feature another way on older clusters." },
  MESH862: { severity: "error", title: "a mirror whose port depends on the request's port, which an Istio route cannot express", fix: "An Istio HTTP route serves every HTTP port of its host and its mirror names one port: give the mirrored service the same port numbers, or mirror from a service with one HTTP port." },
  MESH863: { severity: "error", title: "a service name collides with a file of the Istio output", fix: "istio/<zone>/mesh.yaml holds the mesh-wide Istio objects: rename the service." },
  MESH870: { severity: "error", title: "a generated VirtualService routes to a subset no DestinationRule defines", fix: "This is a bug in the Istio target (or a hand-edited file): every subset a route or mirror names must be defined by the DestinationRule of its host." },
  MESH871: { severity: "error", title: "a generated DestinationRule fails over by locality without outlier detection", fix: "This is a bug in the Istio target (or a hand-edited file): Istio applies locality failover only with outlierDetection, so the rule needs one." },
  MESH872: { severity: "error", title: "two generated VirtualServices claim the same host", fix: "This is a bug in the Istio target (or a hand-edited file): Istio merges them in an order nobody chose; one host, one VirtualService." },
  MESH873: { severity: "error", title: "a generated object would be applied before what it refers to", fix: "This is a bug in the Istio target (or a hand-edited file): a VirtualService's apply wave must come after the DestinationRules it names (docs/output-format.md)." },
  // ── Kubernetes validation (82x, 83x): generated objects checked as the API server would ────────────
  MESH820: { severity: "error", title: "a generated Kubernetes document is not valid YAML or not an object", fix: "This is a bug in meshc's kubernetes target (or a hand-edited file): every document must be one Kubernetes object." },
  MESH821: { severity: "error", title: "a generated Kubernetes object breaks the OpenAPI schema of the pinned Kubernetes release", fix: "This is a bug in meshc: the message names the field and the schema rule (type, required field, enum, quantity format …)." },
  MESH822: { severity: "error", title: "a generated Kubernetes name breaks the API server's name rules", fix: "This is a bug in meshc: object, container, volume and port names must be the DNS-1123 / DNS-1035 / IANA_SVC_NAME names the API server requires; the message names the rule." },
  MESH823: { severity: "error", title: "a generated label or selector breaks the API server's label rules", fix: "This is a bug in meshc: label keys are qualified names, values at most 63 characters, and a Deployment's selector must match its pod template's labels." },
  MESH824: { severity: "error", title: "generated annotations break the API server's rules", fix: "This is a bug in meshc: annotation keys are qualified names, and one object's annotations total at most 256 KiB." },
  MESH825: { severity: "error", title: "a generated object is of a kind meshc has no schema for", fix: "This is a bug in meshc: every kind the kubernetes target writes needs its schema in compiler/validate/kubernetes/schemas.ts." },
  MESH826: { severity: "error", title: "a zone's generated kustomization does not describe its folder", fix: "This is a bug in meshc's kubernetes target (or a hand-edited file): kustomization.yaml must list every object file of the zone, name only files inside the zone's folder that the build writes, generate each ConfigMap once with disableNameSuffixHash, and use only the fields meshc writes." },
  MESH830: { severity: "error", title: "a sidecar's ConfigMap is over meshc's size budget", fix: "The workload's Envoy config is too large for one ConfigMap (budget 768 KiB of the API server's 1 MiB): narrow the service's `calls`, or deliver the config over xDS instead of files." },
  MESH831: { severity: "error", title: "a generated Kubernetes object is over meshc's size budget", fix: "The object is close to the API server's 1.5 MiB request limit; report it with the policy that makes it." },
  // ── internal ─────────────────────────────────────────────────────────────────────────────────
  MESH900: { severity: "error", title: "internal error in a meshc stage", fix: "This is a bug in meshc; please report it with the policy that triggers it." },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof codes;
