// The digest of a text is the SHA-256 of its UTF-8 bytes, whichever way it was computed: the Latin-1 shortcut is
// taken only for a text whose UTF-8 length is its length (all ASCII), as the staged write decides it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { createHash } from "node:crypto";
import { contentSha256, forgetContentDigests } from "../../compiler/emit/content-digest";

const utf8Sha256 = (text: string) => createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex");

test("property: with the ASCII hint as the staged write gives it, the digest is the SHA-256 of the UTF-8 bytes", () => {
  const text = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme-ascii" }), fc.string({ unit: fc.constantFrom("a", "\n", "é", "\u0080", "\u00ff", "😀", "\ud800") }));
  fc.assert(
    fc.property(text, (t) => {
      forgetContentDigests();
      assert.is(contentSha256(t, Buffer.byteLength(t, "utf8") === t.length), utf8Sha256(t), JSON.stringify(t));
    }),
    { numRuns: 2000 },
  );
});

test("a text with a character from U+0080 to U+00FF is one Latin-1 byte but two UTF-8 bytes: the hint is not given, and it matters", () => {
  forgetContentDigests();
  const t = "caf\u00e9";
  assert.is.not(Buffer.byteLength(t, "utf8"), t.length);
  assert.is(contentSha256(t), utf8Sha256(t));
  assert.is.not(createHash("sha256").update(t, "latin1").digest("hex"), utf8Sha256(t));
});

test.run();
