// The example CI workflow (examples/ci/mesh-review.yml) is YAML GitHub can read, and every meshc command it
// runs exists with every flag it passes, so the example cannot drift from the CLI unnoticed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "yaml";
import { main } from "../../compiler/cli/main";

const workflow = parse(readFileSync(resolve(__dirname, "../../examples/ci/mesh-review.yml"), "utf8"));

async function help(command: string): Promise<string> {
  let out = "";
  await main([command, "--help"], { out: (t) => void (out += t), err: (t) => void (out += t) });
  return out;
}

test("the workflow runs on pull requests, may comment, and builds both sides before the diff", () => {
  assert.ok(workflow.on.pull_request);
  assert.is(workflow.permissions["pull-requests"], "write");
  const runs = workflow.jobs.diff.steps.flatMap((s: { run?: string }) => (s.run ? [s.run] : [])).join("\n");
  assert.ok(runs.indexOf("meshc build") < runs.indexOf("meshc diff"));
  assert.match(runs, /gh pr comment/);
});

test("every meshc command line in the workflow uses flags the CLI has", async () => {
  const runs: string[] = workflow.jobs.diff.steps.flatMap((s: { run?: string }) => (s.run ? [s.run.replace(/\\\n\s*/g, " ")] : []));
  const lines = runs.flatMap((r) => r.split("\n")).filter((l) => l.includes("npx meshc "));
  assert.ok(lines.length >= 3);
  for (const line of lines) {
    const [command, ...rest] = line.slice(line.indexOf("npx meshc ") + "npx meshc ".length).split(/\s+/);
    const usage = await help(command!);
    assert.match(usage, new RegExp(`Usage: meshc ${command}`), `meshc ${command} exists`);
    for (const flag of rest.filter((w) => w.startsWith("--"))) assert.ok(usage.includes(flag), `meshc ${command} has ${flag}`);
  }
});

test.run();
