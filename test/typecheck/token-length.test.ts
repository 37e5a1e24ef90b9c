import { test } from "uvu";
import * as assert from "uvu/assert";
import { tokenLength } from "../../compiler/typecheck/token-length";

const at = (text: string, word: string) => tokenLength(text, text.indexOf(word));

test("a word: identifiers, including non-ASCII letters and $", () => {
  assert.is(at("calls: [svc.inventroy],", "inventroy"), 9);
  assert.is(at("x = $ref1 + 1", "$ref1"), 5);
  assert.is(at("const größe = 1", "größe"), 5);
  assert.is(at("const 𝑥y = 1", "𝑥y"), 3);
});

test("a quoted literal up to its closing quote, escapes included", () => {
  assert.is(at('svc["order-histroy"]', '"order'), '"order-histroy"'.length);
  assert.is(at("to: 'v\\'3' }", "'v"), 6);
  assert.is(at("t = `a\nb`;", "`"), 5);
});

test("an unterminated string is one character; punctuation is one; the end of text is zero", () => {
  assert.is(at('x = "abc\nd"', '"'), 1);
  assert.is(at("f({ a: 1 })", "{"), 1);
  assert.is(tokenLength("abc", 3), 0);
});

test.run();
