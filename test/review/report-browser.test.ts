// `meshc report` in a real headless browser (Debian's chromium, driven by playwright-core): the page loads with
// no console error and no failed request, and its simulator answers every routing test of the example, from
// every zone, with exactly the text `meshc explain` prints. MESHC_UPDATE_GOLDEN=1 also writes docs/report.png.
// Without chromium the suite is skipped with the reason; under CI a skip is a failure.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { main } from "../../compiler/cli/main";
import { explain, isProblem } from "../../compiler/review/explain/explain";
import { exampleModel } from "../envoy/example-model";
import { meetsExpectation } from "./expectation";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const root = resolve(__dirname, "../..");
const example = join(root, "examples/uaek/mesh.ts");
const scratch = mkdtempSync(join(tmpdir(), "meshc-report-"));

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

let browser: BrowserContext | undefined;
let page: Page;
const problems: string[] = [];

const suite = existsSync(CHROMIUM) ? test : (() => {
  if (process.env.CI) test("the browser tests can run in CI", () => assert.unreachable(`CI must run the report's browser tests, but ${CHROMIUM} is missing (apt-get install chromium)`));
  else console.log(`SKIPPED report browser tests: ${CHROMIUM} is missing (apt-get install chromium)`);
  return test.skip;
})();

// uvu reports a throwing hook as nothing at all: keep the error for the first test to show.
let setupError: unknown = null;

test.before(async () => {
  if (!existsSync(CHROMIUM)) return;
  try {
    await setUp();
  } catch (error) {
    setupError = error;
  }
});

async function setUp(): Promise<void> {
  const report = join(scratch, "report.html");
  const r = await run("report", example, "--out", report);
  assert.is(r.code, 0, r.err);
  // A new, empty profile: no extensions, no state from another run.
  browser = await chromium.launchPersistentContext(mkdtempSync(join(scratch, "profile-")), { executablePath: CHROMIUM, args: FLAGS, viewport: { width: 1280, height: 900 } });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on("console", (m) => void (m.type() === "error" || m.type() === "warning" ? problems.push(`console ${m.type()}: ${m.text()}`) : undefined));
  page.on("pageerror", (e) => void problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (q) => void problems.push(`request failed: ${q.url()}`));
  await page.goto(pathToFileURL(report).href);
}

test.after(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

suite("the page loads with no console error, its simulator answered, and it is one self-contained file", async () => {
  if (setupError) throw setupError;
  assert.equal(problems, []);
  assert.match((await page.textContent("#sim-out")) ?? "", /^gateway → orders {2}GET \//);
  const html = readFileSync(join(scratch, "report.html"), "utf8");
  assert.not.match(html, /<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org)/);
  for (const id of ["graph", "access", "services", "simulator"]) assert.ok(await page.$(`#${id}`), `#${id}`);
});

suite("every routing test of the example, from every zone: the page prints what `meshc explain` prints", async () => {
  const model = await exampleModel();
  let compared = 0;
  for (const t of model.tests) {
    for (const zone of model.zones) {
      await page.selectOption("#sim-from", t.from!);
      await page.selectOption("#sim-to", t.to);
      await page.selectOption("#sim-zone", zone);
      await page.fill("#sim-method", t.method);
      await page.fill("#sim-path", t.path);
      await page.fill("#sim-headers", t.headers.map((h) => `${h.name}=${h.value}`).join("\n"));
      await page.fill("#sim-query", t.query.map((q) => `${q.name}=${q.value}`).join("\n"));
      await page.click("#sim-run");
      const shown = await page.textContent("#sim-out");
      const cli = await run("explain", example, "--from", t.from!, "--to", t.to, "--zone", zone, "--method", t.method, "--path", t.path, ...t.headers.flatMap((h) => ["--header", `${h.name}=${h.value}`]), ...t.query.flatMap((q) => ["--query", `${q.name}=${q.value}`]));
      assert.is(cli.code, 0, cli.err);
      assert.is(shown, cli.out, `${t.name} in ${zone}`);
      const e = explain(model, { from: t.from!, to: t.to, headers: Object.fromEntries(t.headers.map((h) => [h.name, h.value])), query: Object.fromEntries(t.query.map((q) => [q.name, q.value])), path: t.path, method: t.method, zone, drills: [] });
      if (isProblem(e)) throw new Error(e.problem);
      assert.ok(meetsExpectation(t, e.destinations, e.version), `${t.name}: the test's expectation holds`);
      assert.is(await page.textContent("#sim-lands"), `${t.from} → ${t.to}: ${e.route.name} → ${e.version}`);
      compared++;
    }
  }
  assert.is(compared, model.tests.length * model.zones.length);
  assert.equal(problems, []);
});

suite("drills and a refused caller: the page says what explain says", async () => {
  await page.selectOption("#sim-from", "gateway");
  await page.selectOption("#sim-to", "payments");
  await page.selectOption("#sim-zone", "cn-bj2-03");
  await page.fill("#sim-method", "POST");
  await page.fill("#sim-path", "/");
  await page.fill("#sim-headers", "x-account-id=9001");
  await page.check("input[name=sim-drill][value=payments-flaky]");
  await page.click("#sim-run");
  const cli = await run("explain", example, "--from", "gateway", "--to", "payments", "--zone", "cn-bj2-03", "--method", "POST", "--header", "x-account-id=9001", "--drill", "payments-flaky");
  assert.is(await page.textContent("#sim-out"), cli.out);
  assert.match(cli.out, /access {3}DENIED/);
  assert.is(await page.getAttribute("#sim-out", "class"), "blocked");
  await page.uncheck("input[name=sim-drill][value=payments-flaky]");
});

suite("screenshot (written to docs/report.png under MESHC_UPDATE_GOLDEN=1)", async () => {
  await page.selectOption("#sim-from", "gateway");
  await page.selectOption("#sim-to", "orders");
  await page.selectOption("#sim-zone", "cn-bj2-03");
  await page.fill("#sim-method", "GET");
  await page.fill("#sim-path", "/api/cart");
  await page.fill("#sim-headers", "x-account-id=2001");
  await page.click("#sim-run");
  const shot = await page.screenshot({ fullPage: false });
  assert.ok(shot.length > 10_000);
  if (process.env.MESHC_UPDATE_GOLDEN && !process.env.CI) await page.screenshot({ path: join(root, "docs/report.png") });
  assert.equal(problems, []);
});

test.run();
