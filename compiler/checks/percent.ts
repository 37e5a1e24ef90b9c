// Envoy's FractionalPercent is a whole numerator over HUNDRED or MILLION (the envoy target writes a
// fraction of a percent over MILLION, so 0.0001 % is the finest share): a positive percentage below that
// becomes 0 and the drill or mirror does nothing.

export function roundsToZero(percent: number): boolean {
  return percent > 0 && Math.round(percent * 10_000) === 0;
}
