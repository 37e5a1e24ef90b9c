import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkRe2, fullMatch } from "../../compiler/simulate";

const rejected: [string, RegExp][] = [
  ["(?=a)b", /lookahead/],
  ["(?<!a)b", /lookbehind/],
  ["(a)\\1", /backreference/],
  ["(?>a+)", /atomic/],
  ["a*+", /possessive/],
  ["a**", /repetition/],
  ["*a", /missing argument/],
  ["a{1001}", /above 1000/],
  ["(ab", /missing closing '\)'/],
  ["ab)", /unexpected '\)'/],
  ["[ab", /missing closing '\]'/],
  ["\\Z", /invalid escape/],
  ["[z-a]", /out of order/],
  ["\\p{NotAScript}", /unknown Unicode class/],
  // RE2 refuses nested repetitions whose counts multiply past 1000 (re2/parse.cc, RepetitionWalker).
  ["(a{1000}){1000}", /multiply to more than 1000/],
  ["(a{2}){501}", /multiply to more than 1000/],
  ["((a*){2}){1000}", /multiply to more than 1000/],
];

for (const [pattern, why] of rejected) {
  test(`rejects ${pattern}`, () => {
    const r = checkRe2(pattern);
    assert.not.ok(r.ok);
    if (!r.ok) assert.match(r.error, why);
  });
}

test("accepts RE2 syntax JavaScript spells differently, with RE2's meaning", () => {
  assert.ok(fullMatch("(?P<id>[0-9]+)", "123"));
  assert.ok(fullMatch("(?i)abc", "ABC"));
  assert.ok(fullMatch("x(?i:abc)y", "xAbCy"));
  assert.not.ok(fullMatch("x(?i:abc)y", "XabcY"));
  assert.ok(fullMatch("[[:digit:]]{3}", "123"));
  assert.ok(fullMatch("\\pL+", "héllo"));
  assert.ok(fullMatch("\\p{Greek}+", "αβγ"));
  assert.ok(fullMatch("\\Qa.b\\E", "a.b"));
  assert.not.ok(fullMatch("\\Qa.b\\E", "axb"));
  assert.ok(fullMatch("a{,2}", "a{,2}"), "an invalid repetition is a literal in RE2");
  assert.ok(fullMatch("\\x{41}\\x42", "AB"));
  assert.ok(fullMatch("a.c", "a\rc"), "RE2's dot matches \\r (JavaScript's does not)");
  assert.not.ok(fullMatch("a.c", "a\nc"));
  assert.ok(fullMatch("(?s)a.c", "a\nc"));
  assert.ok(fullMatch("(?U)a+", "aaa"));
  assert.ok(fullMatch("\\-\\_", "-_"), "RE2 allows escaping any punctuation");
});

test("nested repetitions RE2 accepts stay valid", () => {
  for (const pattern of ["(a{2}){500}", "((a{10}){10}){10}", "(a*){1000}", "(a{1000})"]) assert.ok(checkRe2(pattern).ok, pattern);
});

test("RE2's Perl classes are ASCII: \\s is [\\t\\n\\f\\r ], \\d is [0-9]", () => {
  assert.ok(fullMatch("\\s", " "));
  assert.not.ok(fullMatch("\\s", "\u00a0"), "JavaScript's \\s matches NBSP; RE2's does not");
  assert.not.ok(fullMatch("\\s", "\v"));
  assert.not.ok(fullMatch("\\d", "٣"));
  assert.ok(fullMatch("[[:space:]]", "\v"), "the POSIX class does include \\v");
});

test("RE2 folds case by Unicode orbit: (?i)k also matches the Kelvin sign", () => {
  assert.ok(fullMatch("(?i)k", "\u212a"));
  assert.ok(fullMatch("(?i)[a-z]+", "KELVIN"));
});

test("matching is linear: patterns that make a backtracking engine exponential answer at once", () => {
  // JavaScript's RegExp takes longer than the age of the universe on the larger of these; a Pike VM does
  // not care. No timing is asserted: a hang would stop the test run.
  const as = "a".repeat(5000);
  assert.not.ok(fullMatch("(a+)+$", `${as}!`));
  assert.ok(fullMatch("(a+)+$", as));
  assert.not.ok(fullMatch("(a|aa)*b", as));
  assert.not.ok(fullMatch("(.*a){20}", "a".repeat(19) + "b".repeat(2000)));
  assert.not.ok(fullMatch("(x+x+)+y", "x".repeat(5000)));
});

test("matches the whole value, as Envoy's safe_regex does", () => {
  assert.ok(fullMatch("9[0-9]{3}", "9001"));
  assert.not.ok(fullMatch("9[0-9]{3}", "19001"));
  assert.not.ok(fullMatch("9[0-9]{3}", "90011"));
  assert.ok(fullMatch("a|b", "b"), "alternation binds inside the anchors");
  assert.not.ok(fullMatch("(", "("), "an invalid pattern matches nothing");
});

test.run();
