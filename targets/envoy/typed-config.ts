// Envoy extensions are named and configured through an Any: `{ name, typed_config: { "@type": …, …fields } }`.
const TYPE_URL_PREFIX = "type.googleapis.com/";

export function typed(messageType: string, fields: object = {}): object {
  return { "@type": TYPE_URL_PREFIX + messageType, ...fields };
}

export function extension(name: string, messageType: string, fields: object = {}): object {
  return { name, typed_config: typed(messageType, fields) };
}

/** A Duration in proto3 JSON ("1.5s") from milliseconds. */
export function duration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const rest = ms % 1000;
  return rest === 0 ? `${seconds}s` : `${seconds}.${String(rest).padStart(3, "0").replace(/0+$/, "")}s`;
}

/** A FractionalPercent: whole percents over HUNDRED, finer ones over MILLION. */
export function fractionalPercent(percent: number): object {
  if (Number.isInteger(percent)) return { numerator: percent, denominator: "HUNDRED" };
  return { numerator: Math.round(percent * 10_000), denominator: "MILLION" };
}
