// Runs inside the sandbox before any policy code (the virtual entry imports it first). A policy is data:
// the same source must give the same model, and byte-identical output, on every build and machine. The
// language's only sources of change are the clock and Math.random, so they throw here instead of quietly
// making two builds differ. Dates from explicit values (`new Date(0)`, `Date.UTC(…)`) still work.
// Imports and exports nothing: it is bundled into the sandbox, and importing it anywhere else would
// break the host's own clock.

export {};

/** The message prefix evaluation-failure.ts recognises (MESH015). Never import this file on the host. */
const NONDETERMINISTIC = "nondeterministic:";

function refuse(what: string): never {
  throw new Error(`${NONDETERMINISTIC} ${what} gives a different value on every build`);
}

const RealDate = Date;

function PolicyDate(this: unknown, ...args: unknown[]): unknown {
  if (!new.target) refuse("Date()");
  if (args.length === 0) refuse("new Date() without arguments");
  return Reflect.construct(RealDate, args, new.target);
}
PolicyDate.prototype = RealDate.prototype;
Object.defineProperty(RealDate.prototype, "constructor", { value: PolicyDate, writable: true, configurable: true });
PolicyDate.UTC = RealDate.UTC;
PolicyDate.parse = RealDate.parse;
PolicyDate.now = function now(): number {
  return refuse("Date.now()");
};

Object.defineProperty(globalThis, "Date", { value: PolicyDate, writable: false, configurable: false });
Object.defineProperty(Math, "random", {
  value: function random(): number {
    return refuse("Math.random()");
  },
  writable: false,
  configurable: false,
});
