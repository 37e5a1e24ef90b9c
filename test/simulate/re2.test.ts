import { test } from "uvu";
import * as assert from "uvu/assert";
import { fullMatch, translateRe2 } from "../../compiler/simulate";

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
];

for (const [pattern, why] of rejected) {
  test(`rejects ${pattern}`, () => {
    const r = translateRe2(pattern);
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

test("matches the whole value, as Envoy's safe_regex does", () => {
  assert.ok(fullMatch("9[0-9]{3}", "9001"));
  assert.not.ok(fullMatch("9[0-9]{3}", "19001"));
  assert.not.ok(fullMatch("9[0-9]{3}", "90011"));
  assert.ok(fullMatch("a|b", "b"), "alternation binds inside the anchors");
  assert.not.ok(fullMatch("(", "("), "an invalid pattern matches nothing");
});

test.run();
