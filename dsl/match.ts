/**
 * How one header or query parameter must look for a route to match.
 * - a string: exactly this value;
 * - an array: exactly one of these values (e.g. a list of account ids for a gray release); a list too long
 *   for one Envoy regex is emitted as several copies of the route, one per part of the list;
 * - `{ prefix }`, `{ regex }` (RE2 syntax, whole value; Envoy refuses an RE2 program over 100 instructions,
 *   e.g. `[a-z]{101}`), `{ present: true }`.
 * @example { "x-account-id": ["1001", "1002"] }
 */
export type ValueMatch =
  | string
  | readonly string[]
  | { readonly exact: string }
  | { readonly prefix: string }
  | { readonly regex: string }
  | { readonly present: true };

/**
 * How the request path must look. A string is a prefix match. Exact and prefix paths start with '/'.
 * @example "/api/" or { exact: "/healthz" } or { regex: "/users/[0-9]+" }
 */
export type PathMatch = string | { readonly exact: string } | { readonly prefix: string } | { readonly regex: string };

/** HTTP methods a route may match. */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "PATCH" | "OPTIONS" | "CONNECT" | "TRACE";

/**
 * Conditions a request must meet for a route to apply; every given condition must hold.
 * @default {} (matches every request)
 */
export interface Match {
  /** Header name (an RFC 7230 token, compared case-insensitively: name each header once) → expected value. @default {} */
  readonly headers?: Readonly<Record<string, ValueMatch>>;
  /** The request path. @default any path */
  readonly path?: PathMatch;
  /** One of these methods. @default any method */
  readonly method?: HttpMethod | readonly HttpMethod[];
  /** Query parameter name (an RFC 7230 token) → expected value. @default {} */
  readonly query?: Readonly<Record<string, ValueMatch>>;
}
