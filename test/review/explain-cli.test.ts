// `meshc explain` on the command line: each route line points at the line of the policy that wrote the route,
// JSON carries the same decisions, and bad usage or a broken policy gets the CLI's exit statuses.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../compiler/cli/main";

const root = resolve(__dirname, "../..");
const example = join(root, "examples/uaek/mesh.ts");

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function sourceLine(place: string): string {
  const [file, line] = place.split(":");
  return readFileSync(resolve(file!), "utf8").split("\n")[Number(line) - 1]!;
}

test("text: every route tried, with the file:line of its declaration and why it did not match", async () => {
  const r = await run("explain", example, "--from", "gateway", "--to", "orders", "--header", "x-account-id=2001", "--zone", "cn-bj2-03");
  assert.is(r.code, 0, r.err);
  const tried = [...r.out.matchAll(/^ {2}(skip |match) {2}(\S+) {2}(\S+:\d+:\d+)$/gm)].map((m) => ({ verdict: m[1]!.trim(), name: m[2]!, at: m[3]! }));
  assert.equal(tried.map((t) => `${t.verdict} ${t.name}`), ["skip gray-accounts", "skip internal-preview", "match weighted"]);
  for (const t of tried) assert.ok(sourceLine(t.at).includes(`name: "${t.name}"`), `${t.at} is the route ${t.name}: ${sourceLine(t.at)}`);
  assert.match(r.out, /header x-account-id is "2001", not one of "1001", "1002", "1003"/);
  assert.match(r.out, /lands {4}v1 90%, v2 10% \(most land on v1\)/);
  assert.match(r.out, /zones {4}zone failover: cn-bj2-03 \(priority 0, caller's zone\) → cn-bj2-02 \(priority 1\) → cn-bj2-05 \(priority 2\)/);
  assert.match(r.out, /access {3}allowed: orders admits gateway/);
});

test("json: the same decisions as data; a denied caller and an active drill", async () => {
  const r = await run("explain", example, "--from", "orders", "--to", "payments", "--method", "post", "--header", "X-Account-Id=9001", "--drill", "payments-flaky", "--json");
  assert.is(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.is(j.route, "beta-merchants");
  assert.is(j.version, "v2");
  assert.equal(j.request.headers, { "x-account-id": "9001" });
  assert.is(j.timeoutMs, 5000);
  assert.is(j.retries.attempts, 3);
  assert.equal(j.drills.map((d: { name: string; active: boolean }) => [d.name, d.active]), [["payments-flaky", true]]);
  assert.ok(sourceLine(j.drills[0].at).includes('"payments-flaky"'));
  const denied = JSON.parse((await run("explain", example, "--from", "gateway", "--to", "payments", "--json")).out);
  assert.equal([denied.reach.calls, denied.access.admitted, denied.access.allowFrom], [false, false, ["orders"]]);
});

test("usage errors exit 2 with one line; a policy with errors exits 1 with its diagnostics", async () => {
  const unknown = await run("explain", example, "--from", "gateway", "--to", "ordrs");
  assert.is(unknown.code, 2);
  assert.is(unknown.err, "meshc: no service 'ordrs' in the policy; did you mean 'orders'?\n");
  assert.is((await run("explain", example, "--from", "gateway", "--to", "orders", "--zone", "cn-bj2-09")).code, 2);
  assert.is((await run("explain", example, "--from", "gateway", "--to", "orders", "--header", "novalue")).code, 2);
  assert.is((await run("explain", example, "--from", "gateway", "--to", "orders", "--drill", "nope")).code, 2);
  const dir = mkdtempSync(join(tmpdir(), "meshc-explain-cli-"));
  try {
    cpSync(join(root, "examples/uaek"), dir, { recursive: true });
    const shop = join(dir, "teams/shop.ts");
    writeFileSync(shop, readFileSync(shop, "utf8").replace('to: { v1: 90, v2: 10 }', 'to: { v1: 90, v9: 10 }'));
    const broken = await run("explain", join(dir, "mesh.ts"), "--from", "gateway", "--to", "orders");
    assert.is(broken.code, 1);
    assert.match(broken.err, /MESH\d{3}/);
    assert.is(broken.out, "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
