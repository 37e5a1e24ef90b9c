import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { parseAddress, parseCidr } from "../../compiler/normalize/address";

const canonical: [string, string][] = [
  ["2001:DB8:0:0:1:0:0:1", "2001:db8::1:0:0:1/128"], // RFC 5952 §4.2.3: the first of equal runs
  ["2001:db8:0:0:0:0:2:1", "2001:db8::2:1/128"],
  ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1/128"], // the longest run wins
  ["1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0/128"], // a single zero group is not compressed (§4.2.2)
  ["::", "::/128"],
  ["::1", "::1/128"],
  ["fd00:10:96::1/112", "fd00:10:96::/112"], // host bits masked
  ["10.1.2.3/8", "10.0.0.0/8"],
  ["0.0.0.0/0", "0.0.0.0/0"],
  ["::ffff:10.0.0.1", "::ffff:a00:1/128"],
];

test("canonical text per RFC 5952, host bits masked", () => {
  for (const [input, expected] of canonical) assert.is(parseCidr(input)?.text, expected, input);
});

test("rejects what is not an address", () => {
  for (const bad of ["1.2.3", "01.2.3.4", "256.0.0.1", "10.0.0.0/33", "::/129", "fe80::1%eth0", "1::2::3", "1:2:3:4:5:6:7:8:9", "10.0.0.0/08", "", "; rm -rf /", "$(reboot)", "10.0.0.0/8 ", "::g"]) {
    assert.is(parseCidr(bad), null, bad);
  }
  assert.is(parseAddress("10.0.0.0/8"), null);
});

test("families", () => {
  assert.is(parseCidr("10.0.0.0/8")?.family, "ipv4");
  assert.is(parseCidr("fd00::/8")?.family, "ipv6");
});

test("property: canonical text parses back to itself, and only ever holds address characters", () => {
  fc.assert(
    fc.property(fc.oneof(fc.ipV6(), fc.ipV4()), fc.integer({ min: 0, max: 128 }), (ip, bits) => {
      const prefix = ip.includes(":") ? bits : bits % 33;
      const parsed = parseCidr(`${ip}/${prefix}`);
      assert.ok(parsed, ip);
      assert.is(parseCidr(parsed!.text)?.text, parsed!.text);
      assert.ok(/^[0-9a-f.:]+\/\d+$/.test(parsed!.text));
    }),
  );
});

test("property: arbitrary strings never produce output with characters outside an address", () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      const parsed = parseCidr(s);
      if (parsed) assert.ok(/^[0-9a-f.:]+\/\d+$/.test(parsed.text), s);
    }),
  );
});

test.run();
