// meshc's RE2 code against the real RE2 (Debian's libre2, built into a tiny harness at test time): the
// validity of a pattern, its program size (what Envoy limits to 100), and full-match results. Under CI the
// library must be there (.ci/run installs it); elsewhere the suite says why it did not run.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { literalAlternationBound } from "../../compiler/model";
import { checkRe2, fullMatch } from "../../compiler/simulate";

const HEADER = "/usr/include/re2/re2.h";

function harness(): string | null {
  if (!existsSync(HEADER) || spawnSync("g++", ["--version"]).status !== 0) {
    if (process.env.CI) throw new Error(`the real-RE2 comparison needs g++ and ${HEADER} (apt-get install g++ libre2-dev); CI must have them`);
    return null;
  }
  const bin = join(mkdtempSync(join(tmpdir(), "meshc-re2-")), "re2-harness");
  execFileSync("g++", ["-O1", "-std=c++17", "-o", bin, join(__dirname, "re2-harness/main.cc"), "-lre2"], { stdio: "inherit" });
  return bin;
}

const bin = harness();
const hex = (s: string) => (s === "" ? "-" : Buffer.from(s, "utf8").toString("hex"));

/** What real RE2 says of each pattern: null when it refuses it, else its program size and the match results. */
function real(cases: readonly { pattern: string; inputs?: readonly string[] }[]): ({ size: number; matches: boolean[] } | null)[] {
  const input = cases.map((c) => [hex(c.pattern), ...(c.inputs ?? []).map(hex)].join(" ")).join("\n") + "\n";
  const lines = execFileSync(bin!, { input, maxBuffer: 1 << 26 }).toString().trim().split("\n");
  return lines.map((l) => {
    if (l === "ERR") return null;
    const [size, ...m] = l.split(" ");
    return { size: Number(size), matches: m.map((x) => x === "1") };
  });
}

/** A small grammar of RE2 syntax, seeded: deterministic across runs. */
function generator(seed: number) {
  let s = seed;
  const rnd = (n: number) => ((s = (s * 1103515245 + 12345) % 2147483648), s % n);
  const pick = <T>(a: readonly T[]) => a[rnd(a.length)]!;
  const atom = (d: number): string => {
    const k = rnd(d > 2 ? 6 : 10);
    if (k < 3) return pick(["a", "b", "c", "x", "0", "1", "-", "é", "\\.", "/", "k", "ab", "abc"]);
    if (k === 3) return pick(["[a-c]", "[^x]", "\\d", "\\w", "\\s", ".", "[0-9a-f]", "[A-Za-z]", "[é-ü]", "[^a-z]", "\\D", "[ab]"]);
    if (k === 4) return pick(["^", "$", "\\b", "\\A", "\\z"]);
    if (k === 5) return "";
    if (k < 8) return `(?:${alt(d + 1)})`;
    if (k === 8) return `(${alt(d + 1)})`;
    return `(?i:${alt(d + 1)})`;
  };
  const piece = (d: number) => {
    const a = atom(d);
    if (a === "" || /^(\^|\$|\\[bAz])$/.test(a) || /^[a-z0-9é/-]{2,}$/.test(a)) return a;
    return rnd(9) < 4 ? a : a + pick(["*", "+", "?", "{2}", "{1,3}", "{2,}", "{0,2}", "*?", "{3}"]);
  };
  const cat = (d: number) => Array.from({ length: 1 + rnd(4) }, () => piece(d)).join("");
  const alt = (d: number): string => [cat(d), ...Array.from({ length: rnd(d > 1 ? 2 : 4) }, () => cat(d))].join("|");
  const text = () => Array.from({ length: rnd(7) }, () => pick(["a", "b", "c", "x", "0", "1", "-", ".", "/", "é", "k", "K", "A", " ", "\n", "ab", "abc"])).join("");
  return { pattern: () => alt(0), text, rnd };
}

// Patterns an author writes, and the ones the issue names; sizes must equal RE2's exactly.
const CURATED = [
  "a", "9[0-9]{3}", ".*(Android|iPhone).*", "^(?:POST|PUT)$", "(a+)+$", "[a-z]{100}", "[a-z]{101}", "[a-z]{97}",
  "(a{2}){500}", "((a{10}){10}){10}", "(a*){1000}", "\\d+", "\\s", "\\S", ".", ".*", "(?s).*", "(?i)k", "(?i)abc",
  "^/api/v[0-9]+/.*", "[^/]+", "(foo|foobar|bar)", "abc|abd", "a|b|c", "^(?:1001|1002)$", "[0-9a-f]{8}-[0-9a-f]{4}",
  "\\p{Greek}+", "(?i)[a-z]+", "x{2,5}", "x{3,}", "(a|b)*c", "(a*)*", "(?:a*)+", "(?:1*)*?", "\\bfoo\\b", "é|ü",
  "[é-ü]", "^abc$", "(?P<id>[0-9]+)", "\\Qa.b\\E", "(?m)^a$", "",
];

test("validity and program size of author-style patterns equal RE2's", () => {
  if (!bin) return console.log("  (skipped: no g++/libre2 here; CI installs them)");
  const answers = real(CURATED.map((pattern) => ({ pattern })));
  CURATED.forEach((pattern, i) => {
    const mine = checkRe2(pattern);
    const theirs = answers[i]!;
    assert.is(mine.ok, theirs !== null, `validity of ${JSON.stringify(pattern)}`);
    // meshc counts only up to just past Envoy's limit: above it, "more than 100" is all that matters.
    if (mine.ok && theirs) assert.is(mine.programSize, Math.min(theirs.size, 101), `program size of ${JSON.stringify(pattern)}`);
  });
});

test("random patterns: meshc's full match equals RE2's on every input; sizes agree", () => {
  if (!bin) return;
  const g = generator(20260);
  const cases = Array.from({ length: 600 }, () => ({ pattern: g.pattern(), inputs: Array.from({ length: 12 }, g.text) }));
  const answers = real(cases);
  let sized = 0;
  let exact = 0;
  let worst = 0;
  cases.forEach((c, i) => {
    const theirs = answers[i]!;
    const mine = checkRe2(c.pattern);
    assert.is(mine.ok, theirs !== null, `validity of ${JSON.stringify(c.pattern)}`);
    if (!theirs || !mine.ok) return;
    c.inputs.forEach((text, j) => assert.is(fullMatch(c.pattern, text), theirs.matches[j], `${JSON.stringify(c.pattern)} on ${JSON.stringify(text)}`));
    if (theirs.size > 100) return;
    sized++;
    if (mine.programSize === theirs.size) exact++;
    worst = Math.max(worst, Math.abs(mine.programSize - theirs.size));
  });
  // Measured: 98 % exact; the rest are counted repetitions of loops or of assertions, a few instructions off.
  assert.ok(exact / sized >= 0.95, `exact program size for ${exact} of ${sized}`);
  assert.ok(worst <= 4, `largest difference ${worst}`);
});

test("the one-of bound the Envoy target cuts by is never below RE2's program size", () => {
  if (!bin) return;
  const g = generator(7);
  const alphabet = ["a", "b", "1", "2", ".", "|", "(", "*", "é", "語", "😀", "\\", "{", "$", "^", " "];
  const sets = Array.from({ length: 300 }, () => Array.from({ length: 1 + g.rnd(12) }, () => Array.from({ length: g.rnd(6) }, () => alphabet[g.rnd(alphabet.length)]).join("")));
  const escape = (v: string) => v.replace(/[\\.+*?()|[\]{}^$]/g, (ch) => `\\${ch}`);
  const answers = real(sets.map((values) => ({ pattern: `^(?:${values.map(escape).join("|")})$`, inputs: values })));
  sets.forEach((values, i) => {
    const theirs = answers[i]!;
    assert.ok(theirs, values.join(","));
    assert.ok(theirs.size <= literalAlternationBound(values), `${JSON.stringify(values)}: RE2 ${theirs.size}, bound ${literalAlternationBound(values)}`);
    assert.ok(theirs.matches.every(Boolean), "every value matches its own alternation");
  });
});

test.run();
