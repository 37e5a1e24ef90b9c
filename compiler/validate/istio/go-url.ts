// Go's net/url parser, as far as Kubernetes' CEL URL library depends on it. `isURL(s)` is true when
// url.ParseRequestURI(s) succeeds; `url(s)` fails unless it does, then takes its parts from url.Parse(s)
// (k8s.io/apiserver/pkg/cel/library/urls.go). Istio's rules read only the scheme, but which strings parse at all
// decides whether a rule holds, so the checks that can reject a URL are all here: control characters, the scheme,
// "invalid URI for request", the authority (userinfo characters, bracketed hosts, ports, host characters) and
// percent-escapes. https://cs.opensource.google/go/go/+/refs/tags/go1.24.0:src/net/url/url.go
export interface GoUrl {
  readonly scheme: string;
  readonly opaque: string;
  readonly user: string | null;
  readonly host: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly fragment: string;
}

export type GoUrlResult = { readonly ok: true; readonly url: GoUrl } | { readonly ok: false; readonly error: string };

const fail = (error: string): GoUrlResult => ({ ok: false, error });
const isAlpha = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
const isDigit = (c: string) => c >= "0" && c <= "9";
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

function getScheme(raw: string): { scheme: string; rest: string } | string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (isAlpha(c)) continue;
    if (isDigit(c) || c === "+" || c === "-" || c === ".") {
      if (i === 0) return { scheme: "", rest: raw };
      continue;
    }
    if (c === ":") return i === 0 ? "missing protocol scheme" : { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    return { scheme: "", rest: raw };
  }
  return { scheme: "", rest: raw };
}

/** url.go shouldEscape, for the host and userinfo modes parse checks. */
function shouldEscapeHost(c: string): boolean {
  if (isAlpha(c) || isDigit(c)) return false;
  if ("!$&'()*+,;=:[]<>\"".includes(c)) return false;
  if ("-_.~".includes(c)) return false;
  return true;
}

/** url.go unescape: validates percent-escapes; in a host, ASCII needs no escaping and must not be escaped. */
function checkEscapes(s: string, host: boolean): string | null {
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === "%") {
      if (!isHex(s[i + 1]) || !isHex(s[i + 2])) return `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`;
      if (host && parseInt(s[i + 1]!, 16) < 8 && s.slice(i, i + 3) !== "%25") return `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`;
      i += 3;
      continue;
    }
    if (host && c.charCodeAt(0) < 0x80 && shouldEscapeHost(c)) return `invalid character ${JSON.stringify(c)} in host name`;
    i++;
  }
  return null;
}

function validOptionalPort(port: string): boolean {
  return port === "" || /^:[0-9]*$/.test(port);
}

const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

function parseHost(host: string): { host: string } | string {
  if (host.startsWith("[")) {
    const i = host.lastIndexOf("]");
    if (i < 0) return "missing ']' in host";
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) return `invalid port ${JSON.stringify(colonPort)} after host`;
  } else {
    const i = host.lastIndexOf(":");
    if (i !== -1) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) return `invalid port ${JSON.stringify(colonPort)} after host`;
    }
  }
  const bad = checkEscapes(host, true);
  return bad ?? { host };
}

function parse(raw: string, viaRequest: boolean): GoUrlResult {
  if (/[\x00-\x1f\x7f]/.test(raw)) return fail("net/url: invalid control character in URL");
  if (raw === "" && viaRequest) return fail("empty url");
  if (raw === "*") return { ok: true, url: { scheme: "", opaque: "", user: null, host: "", path: "*", rawQuery: "", fragment: "" } };
  const split = getScheme(raw);
  if (typeof split === "string") return fail(split);
  const scheme = split.scheme.toLowerCase();
  let rest = split.rest;
  let rawQuery = "";
  if (rest.endsWith("?") && rest.split("?").length === 2) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf("?");
    if (q >= 0) [rest, rawQuery] = [rest.slice(0, q), rest.slice(q + 1)];
  }
  const base = { scheme, opaque: "", user: null as string | null, host: "", path: "", rawQuery, fragment: "" };
  if (!rest.startsWith("/")) {
    if (scheme !== "") return { ok: true, url: { ...base, opaque: rest } };
    if (viaRequest) return fail("invalid URI for request");
    const segment = rest.split("/")[0]!;
    if (segment.includes(":")) return fail("first path segment in URL cannot contain colon");
  }
  if ((scheme !== "" || (!viaRequest && !rest.startsWith("///"))) && rest.startsWith("//")) {
    let authority = rest.slice(2);
    rest = "";
    const slash = authority.indexOf("/");
    if (slash >= 0) [authority, rest] = [authority.slice(0, slash), authority.slice(slash)];
    const at = authority.lastIndexOf("@");
    const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
    if (typeof host === "string") return fail(host);
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      if (!USERINFO.test(userinfo)) return fail("net/url: invalid userinfo");
      const bad = checkEscapes(userinfo, false);
      if (bad) return fail(bad);
      base.user = userinfo;
    }
    base.host = host.host;
  }
  const bad = checkEscapes(rest, false);
  if (bad) return fail(bad);
  return { ok: true, url: { ...base, path: rest } };
}

/** url.ParseRequestURI: an absolute URI or an absolute path, no fragment splitting. */
export function parseRequestUri(raw: string): GoUrlResult {
  const r = parse(raw, true);
  return r.ok ? r : fail(`parse ${goQuoteUrl(raw)}: ${r.error}`);
}

/** url.Parse: like parse, after cutting the fragment at the first '#'. */
export function parseUrl(raw: string): GoUrlResult {
  const hash = raw.indexOf("#");
  const [u, frag] = hash < 0 ? [raw, ""] : [raw.slice(0, hash), raw.slice(hash + 1)];
  const r = parse(u, false);
  if (!r.ok) return fail(`parse ${goQuoteUrl(raw)}: ${r.error}`);
  const bad = checkEscapes(frag, false);
  if (bad) return fail(`parse ${goQuoteUrl(raw)}: ${bad}`);
  return { ok: true, url: { ...r.url, fragment: frag } };
}

/** url.Error quotes the URL with strconv.Quote. */
function goQuoteUrl(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, "\\x$1");
}
