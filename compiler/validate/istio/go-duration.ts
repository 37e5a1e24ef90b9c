// Go's time.ParseDuration, which cel-go's duration(string) is (k8s evaluates Istio's `duration(self) >= …` rules
// with it): "300s", "1h30m", "1.5s", ".5ms", "0", "-1s", units ns us µs μs ms s m h, at most 2^63-1 ns.
// Returns nanoseconds, or null where Go returns an error.
// https://cs.opensource.google/go/go/+/refs/tags/go1.24.0:src/time/format.go (ParseDuration)
const UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1000n,
  "\u00b5s": 1000n,
  "\u03bcs": 1000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX = (1n << 63n) - 1n;

export function parseGoDuration(text: string): bigint | null {
  let s = text;
  let neg = false;
  if (s.startsWith("-") || s.startsWith("+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") return null;
  let total = 0n;
  while (s !== "") {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    const [whole, intPart, fracPart] = [m[0], m[1]!, m[2]];
    if (intPart === "" && (fracPart === undefined || fracPart === "")) return null;
    s = s.slice(whole.length);
    const unitText = /^[^0-9.]*/.exec(s)![0];
    if (unitText === "") return null;
    s = s.slice(unitText.length);
    const unit = UNITS[unitText];
    if (unit === undefined) return null;
    let v = BigInt(intPart || "0");
    if (v > (1n << 63n) / unit) return null;
    v *= unit;
    if (fracPart) {
      // Go accumulates the fraction in a float64 (exact to the nanosecond for fractions of an hour).
      const f = Number("0." + fracPart);
      v += BigInt(Math.floor(f * Number(unit)));
      if (v > 1n << 63n) return null;
    }
    total += v;
    if (total > 1n << 63n) return null;
  }
  if (neg) return -total;
  return total > MAX ? null : total;
}
