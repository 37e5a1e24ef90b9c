// `meshc serve` runs a save's path once on the unchanged policy before it listens (compiler/serve/serve.ts),
// so the user's first save is as cheap as later ones. What that warm-up built is served only when it is the
// policy the server started with: a save made between the first build and the warm-up is served as a save.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PushEvent, serveXds, staticEndpoints } from "../../compiler/api";
import { exampleWithout } from "../example-copy";

const scratch = mkdtempSync(join(tmpdir(), "meshc-serve-warm-"));
test.after(() => rmSync(scratch, { recursive: true, force: true }));

async function start(name: string, onFirstBuild: (shop: string) => void) {
  const policy = join(scratch, name);
  exampleWithout(policy, /expect: \{ split:/);
  const shop = join(policy, "teams/shop.ts");
  const log: string[] = [];
  const pushes: PushEvent[] = [];
  let builds = 0;
  const started = await serveXds({
    entry: join(policy, "mesh.ts"),
    zone: "cn-bj2-02",
    listen: "[::1]:0",
    checker: "none",
    validate: false,
    watch: false,
    endpoints: staticEndpoints({}),
    log: (l) => log.push(l),
    onBuild: () => {
      if (builds++ === 0) onFirstBuild(shop);
    },
    onPush: (e) => pushes.push(e),
  });
  if (!started.ok) throw new Error(started.reason);
  return { server: started.server, log, pushes, builds: () => builds };
}

test("the unchanged policy: the warm-up runs, nothing is pushed or reported", async () => {
  const s = await start("same", () => undefined);
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(s.log.some((l) => l.startsWith("warmed the save path in ")), s.log.join(" | "));
  assert.is(s.pushes.length, 0);
  assert.is(s.builds(), 1, "the warm-up's build is not one the user made");
  await s.server.close();
});

test("a save before the warm-up: it is rebuilt once the server listens, applied and pushed", async () => {
  const s = await start("saved", (shop) => {
    const text = readFileSync(shop, "utf8");
    assert.ok(text.includes("maxConnections: 1024,"));
    writeFileSync(shop, text.replace("maxConnections: 1024,", "maxConnections: 512,"));
  });
  const deadline = performance.now() + 30_000;
  while (s.pushes.length === 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.ok(!s.log.some((l) => l.startsWith("warmed the save path")), "a changed policy is not the warm-up's to serve");
  assert.is(s.pushes.length, 1, s.log.join(" | "));
  assert.is(s.pushes[0]!.cause, "policy");
  assert.ok(s.pushes[0]!.changed.length > 0);
  await s.server.close();
});

test.run();
