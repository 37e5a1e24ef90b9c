// The only values of the model that reach a generated script or ruleset: ports, CIDRs and the workload name.
// The checks (compiler/checks/capture.ts, MESH6xx) and the normalizer already reject bad ones; this target
// checks them again where they are used, and refuses to build rather than write a value it cannot prove
// safe, so no author input can ever reach a shell (a malformed model is a meshc bug, reported as MESH900).
import type { Family } from "../../compiler/model";

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IPV6_CIDR = /^([0-9a-f:]{2,39})\/(\d{1,3})$/;

/** A TCP/UDP port: a whole number from 1 to 65535. */
export function safePort(value: number, where: string): number {
  if (Number.isInteger(value) && value >= 1 && value <= 65535) return value;
  throw new Error(`capture: ${where} holds ${JSON.stringify(value)}, which is not a port (1-65535)`);
}

function ipv6Groups(address: string): boolean {
  const halves = address.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === "" ? [] : h.split(":")));
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}

/** A CIDR in the model's canonical spelling (lower case, `address/prefix`) and of the given family. */
export function safeCidr(value: string, family: Family, where: string): string {
  const v4 = family === "ipv4" ? IPV4_CIDR.exec(value) : null;
  if (v4 && v4.slice(1, 5).every((b) => Number(b) <= 255 && String(Number(b)) === b) && Number(v4[5]) <= 32) return value;
  const v6 = family === "ipv6" ? IPV6_CIDR.exec(value) : null;
  if (v6 && ipv6Groups(v6[1]!) && Number(v6[2]) <= 128) return value;
  throw new Error(`capture: ${where} holds ${JSON.stringify(value)}, which is not a canonical ${family} CIDR`);
}

/** A workload or service name: a DNS-1123 label, so it is safe as a folder name and inside a shell script. */
export function safeWorkloadName(value: string): string {
  if (DNS_LABEL.test(value)) return value;
  throw new Error(`capture: the workload name ${JSON.stringify(value)} is not a DNS-1123 label`);
}
