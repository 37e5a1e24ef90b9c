// The router: always the last HTTP filter; it forwards the request along the matched route.
import { extension } from "../typed-config";

export function routerFilter(): object {
  return extension("envoy.filters.http.router", "envoy.extensions.filters.http.router.v3.Router");
}
