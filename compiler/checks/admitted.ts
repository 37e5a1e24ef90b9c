/** "only 'gateway', 'orders'" or "no caller": how messages describe an `allowFrom` list. */
export function admitted(allowFrom: readonly string[]): string {
  return allowFrom.length ? `only ${allowFrom.map((a) => `'${a}'`).join(", ")}` : "no caller";
}
