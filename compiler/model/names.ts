// Stable derived names (cdk8s Names.toDnsLabel): every name meshc derives is a DNS-1123 label that
// Kubernetes accepts, and the same input always gives the same name on any machine.

const MAX_LABEL = 63;

/** FNV-1a, 32 bit: deterministic and dependency-free; only used to keep shortened names distinct. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * Joins parts into a DNS-1123 label (lower case alphanumerics and '-', ≤ 63 characters, starting and ending
 * alphanumeric). A name that had to be changed or shortened gets an 8-character hash of the original parts,
 * so distinct inputs stay distinct.
 */
export function toDnsLabel(...parts: readonly string[]): string {
  const joined = parts.join("-");
  const cleaned = joined
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (cleaned === joined && cleaned.length <= MAX_LABEL && cleaned.length > 0) return cleaned;
  const suffix = fnv1a(joined);
  const head = cleaned.slice(0, MAX_LABEL - suffix.length - 1).replace(/-+$/g, "");
  return head ? `${head}-${suffix}` : `x-${suffix}`;
}

/** The headless Service that selects one version of a service in one zone (locality-aware endpoints). */
export function zoneServiceName(service: string, version: string, zone: string): string {
  return toDnsLabel(service, version, zone);
}

/** The cluster-local DNS name of a service's per-zone, per-version headless Service. */
export function zoneServiceHost(service: string, namespace: string, version: string, zone: string): string {
  return `${zoneServiceName(service, version, zone)}.${namespace}.svc.cluster.local`;
}

/** The Service of one zone's `meshc serve` (xDS delivery), in meshc's own namespace. */
export function xdsServiceName(zone: string): string {
  return toDnsLabel("meshc-xds", zone);
}
