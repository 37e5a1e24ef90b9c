// Host names as DNS resolvers and TLS peers take them: RFC 1123 §2.1 (labels of letters, digits and '-', not
// starting or ending with '-', at most 63 octets; at most 253 for the name written without its trailing dot),
// and RFC 3696 §2 (a top-level label is never all digits, which keeps "10.0.0.1" from passing as a name).
// Wildcards are refused, not half-supported: meshc resolves an external host with a STRICT_DNS cluster, and
// no resolver answers for "*.example.com".

const LABEL = /^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?$/;
const MAX_NAME = 253;
const MAX_LABEL = 63;

/** Why `host` is not a host name meshc can resolve, or null when it is one. */
export function hostNameProblem(host: string): string | null {
  if (host.length === 0) return "it is empty";
  if (host.length > MAX_NAME) return `it is ${host.length} characters long (at most ${MAX_NAME})`;
  if (host.startsWith("*")) return "wildcard hosts cannot be resolved by DNS, which is how meshc reaches an external host: list each host";
  if (host.endsWith(".")) return "it ends with '.': write it without the trailing dot";
  const labels = host.split(".");
  for (const label of labels) {
    if (label.length === 0) return "it has an empty label ('..' or a leading '.')";
    if (label.length > MAX_LABEL) return `a label is ${label.length} characters long (at most ${MAX_LABEL})`;
    if (!LABEL.test(label)) return "its labels may hold only letters, digits and '-', and must start and end with a letter or digit";
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return "it is an IP address, not a name: give the host a name and put the address in `addresses`";
  return null;
}
