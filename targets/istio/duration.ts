// Istio durations are protobuf Durations written as Go duration strings ("2s", "500ms"); the CRDs check them
// with CEL's duration(), which reads both. Whole seconds as seconds, everything else in milliseconds.
export function istioDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
