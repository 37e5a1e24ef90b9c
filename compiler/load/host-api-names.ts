// Names a policy might reach for that belong to a host (Node.js, browsers, Deno, Bun) rather than to the
// JavaScript language (ECMA-262). QuickJS provides none of them, so using one ends in
// "ReferenceError: 'process' is not defined"; evaluation-failure.ts reports that as MESH009 (a policy is
// data and gets no host) instead of a generic throw. The language's own globals (Math, JSON, Date, Map …)
// are not host APIs and stay available.
export const HOST_API_NAMES: ReadonlySet<string> = new Set([
  // Node.js: the process, its environment and its module system.
  "process", "require", "module", "exports", "__dirname", "__filename", "global", "Buffer",
  // Network.
  "fetch", "XMLHttpRequest", "WebSocket", "EventSource", "Request", "Response", "Headers", "FormData",
  // The event loop is the host's (HTML and Node define these, ECMA-262 does not); a policy evaluates
  // synchronously and its pending jobs are never run.
  "setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "clearImmediate", "queueMicrotask", "requestAnimationFrame",
  // Console, clocks, randomness and the rest of the web/runtime platform.
  "console", "performance", "crypto", "navigator", "location", "window", "self", "document", "localStorage", "sessionStorage", "indexedDB",
  "Worker", "importScripts", "postMessage", "structuredClone", "atob", "btoa", "TextEncoder", "TextDecoder", "URL", "URLSearchParams",
  "AbortController", "Blob", "Deno", "Bun",
]);
