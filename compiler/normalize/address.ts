// IP addresses and CIDRs, parsed strictly and printed canonically (RFC 5952 for IPv6: lower case, no leading
// zeros, the longest run of two or more zero groups compressed, the first on a tie). Host bits are masked, so
// "10.1.2.3/8" becomes "10.0.0.0/8": iptables masks silently, and canonical text keeps rules comparable.
import type { Family } from "../model";

export interface Cidr {
  readonly family: Family;
  /** Canonical `address/prefix`. */
  readonly text: string;
  /** Canonical address without prefix. */
  readonly address: string;
  readonly prefix: number;
}

function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
}

/** 16 bytes, or null. Accepts "::", embedded IPv4 in the last 32 bits; rejects zone ids. */
function parseIpv6(text: string): number[] | null {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || text.length > 45) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string): number[] | null => {
    if (half === "") return [];
    const out: number[] = [];
    const parts = half.split(":");
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (i === parts.length - 1 && part.includes(".")) {
        const v4 = parseIpv4(part);
        if (!v4) return null;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(part)) out.push(parseInt(part, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  if (halves.length === 1 && head.length !== 8) return null;
  if (halves.length === 2 && head.length + tail.length > 7) return null;
  const all = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

function formatIpv6(bytes: readonly number[]): string {
  const groups = Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) { bestStart = i; bestLength = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

function mask(bytes: readonly number[], prefix: number): number[] {
  return bytes.map((b, i) => {
    const bits = Math.min(Math.max(prefix - i * 8, 0), 8);
    return b & ((0xff << (8 - bits)) & 0xff);
  });
}

/** Parses an address ("fd00::1") or CIDR ("fd00::/8"); a bare address gets a full-length prefix. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf("/");
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? null : text.slice(slash + 1);
  const v4 = parseIpv4(addressText);
  const v6 = v4 ? null : parseIpv6(addressText);
  if (!v4 && !v6) return null;
  const family: Family = v4 ? "ipv4" : "ipv6";
  const max = v4 ? 32 : 128;
  if (prefixText !== null && !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return null;
  const prefix = prefixText === null ? max : Number(prefixText);
  if (prefix > max) return null;
  const bytes = mask(v4 ?? v6!, prefix);
  const address = v4 ? bytes.join(".") : formatIpv6(bytes);
  return { family, address, prefix, text: `${address}/${prefix}` };
}

/** Parses a single address (no prefix allowed) into its canonical text and family. */
export function parseAddress(text: string): { family: Family; text: string } | null {
  if (text.includes("/")) return null;
  const cidr = parseCidr(text);
  return cidr ? { family: cidr.family, text: cidr.address } : null;
}
