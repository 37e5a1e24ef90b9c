// Deterministic YAML: keys sorted at every level (so "@type" leads each Any), no line folding, LF endings.
// Written as YAML 1.1 so that every string YAML 1.1 parsers (Envoy's yaml-cpp) would read as a boolean or
// number — yes, on, 0x1F — is quoted.
import { stringify } from "yaml";

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function yamlText(value: object): string {
  return stringify(sorted(value), { version: "1.1", lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}
