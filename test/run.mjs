// Runs every uvu suite (test/**/*.test.ts), each file in its own process so one crash cannot hide the
// others, two at a time, and ends with the one summary line CI reads: "N passed, N failed".
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const filter = process.argv[2] ? new RegExp(process.argv[2]) : null;

function find(dir) {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === "fixtures" || entry === "golden" || entry === "node_modules") return [];
    if (statSync(path).isDirectory()) return find(path);
    return entry.endsWith(".test.ts") ? [path] : [];
  });
}

const files = find(join(root, "test")).filter((f) => !filter || filter.test(relative(root, f)));
const parallel = Number(process.env.MESHC_TEST_JOBS ?? 2);
let passed = 0;
let failed = 0;

function runFile(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", file], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => {
      const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? 0);
      const ok = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? 0);
      const skipped = Number(/Skipped:\s+(\d+)/.exec(out)?.[1] ?? 0);
      // uvu's Total counts the tests that ran; skipped ones are reported apart.
      let bad = total - ok;
      if (code !== 0 && bad === 0) bad = 1; // the file crashed before or outside its tests
      passed += ok;
      failed += bad;
      const name = relative(root, file);
      process.stdout.write(`${bad ? "FAIL" : "ok  "} ${name}  (${ok} passed${bad ? `, ${bad} failed` : ""}${skipped ? `, ${skipped} skipped` : ""})\n`);
      if (bad) process.stdout.write(out.replace(/^/gm, "    ") + "\n");
      resolve();
    });
  });
}

const queue = [...files];
await Promise.all(
  Array.from({ length: Math.max(1, parallel) }, async () => {
    while (queue.length) await runFile(queue.shift());
  }),
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
