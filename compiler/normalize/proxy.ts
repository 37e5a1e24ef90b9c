// The sidecar's images and requests. Values go into every generated pod spec, so they are checked here, where
// the author can be shown the spot: an image reference has no whitespace, a request is a Kubernetes quantity.
import { child } from "../diagnostics/model-path";
import type { ProxyModel } from "../model";
import { type Field, readObject, readString } from "./read";

export const DEFAULT_PROXY: ProxyModel = {
  image: "envoyproxy/envoy:v1.38.0",
  captureImage: "istio/proxyv2:1.27.0",
  requests: { cpu: "100m", memory: "128Mi" },
};

/** A Kubernetes resource quantity as the API server parses it (decimal number, SI or binary suffix). */
const QUANTITY = /^[+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+|[kMGTPE]|[KMGTPE]i|m|u|n)?$/;
/** An image reference: [host/]name[:tag][@digest]; what matters here is one token, no space or control character. */
const IMAGE = /^[a-z0-9][\x21-\x7e]*$/;

function image(f: Field, key: string, fallback: string): string {
  const value = readString(f, key, fallback);
  if (!IMAGE.test(value)) f.c.report("MESH012", child(f.path, key), `${JSON.stringify(value)} is not a container image reference (e.g. "envoyproxy/envoy:v1.38.0@sha256:…").`);
  return value;
}

function quantity(f: Field, key: string, fallback: string): string {
  const value = readString(f, key, fallback);
  if (!QUANTITY.test(value)) f.c.report("MESH012", child(f.path, key), `${JSON.stringify(value)} is not a Kubernetes quantity (e.g. "100m", "1", "128Mi").`);
  return value;
}

export function normalizeProxy(f: Field | undefined): ProxyModel {
  if (!f) return DEFAULT_PROXY;
  const requests = readObject(f, "requests");
  return {
    image: image(f, "image", DEFAULT_PROXY.image),
    captureImage: image(f, "captureImage", DEFAULT_PROXY.captureImage),
    requests: requests
      ? { cpu: quantity(requests, "cpu", DEFAULT_PROXY.requests.cpu), memory: quantity(requests, "memory", DEFAULT_PROXY.requests.memory) }
      : DEFAULT_PROXY.requests,
  };
}
