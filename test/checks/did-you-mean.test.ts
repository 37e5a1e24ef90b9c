import { test } from "uvu";
import * as assert from "uvu/assert";
import { closest, didYouMean, editDistance } from "../../compiler/checks/did-you-mean";

test("edit distance", () => {
  assert.is(editDistance("kitten", "sitting"), 3);
  assert.is(editDistance("", "abc"), 3);
  assert.is(editDistance("inventory", "inventry"), 1);
  assert.is(editDistance("abc", "xyzxyz", 1), 2, "stops early past the limit");
});

test("suggests only a close, unambiguous name", () => {
  assert.is(closest("inventry", ["orders", "inventory", "invoice"]), "inventory");
  assert.is(closest("Orders", ["orders"]), "orders", "a case-only difference always qualifies");
  assert.is(closest("payments", ["orders", "stock"]), undefined, "nothing close");
  assert.is(closest("v3", ["v1", "v2"]), undefined, "equally close candidates: no coin toss");
  assert.is(didYouMean("v3", ["v1", "v2"], "version"), "known versions: 'v1', 'v2'");
  assert.is(didYouMean("stok", ["stock"], "service"), "did you mean 'stock'?");
  assert.is(didYouMean("x", [], "zone"), "the mesh defines no zones");
});

test.run();
