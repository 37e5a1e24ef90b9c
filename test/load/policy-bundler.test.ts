// A kept bundler (one esbuild context across loads: serve, build --watch, lsp) must load exactly what a fresh
// load gives, after any sequence of edits: random edits to random files of a small policy (three teams, a
// helper two of them import), each followed by a load through the kept bundler and a fresh load, compared
// whole, diagnostics and sources included. The edits cover what a context could get wrong: a changed value, a
// changed shared helper, a syntax error, a throw, an endless loop, a removed and an added team file, an import
// cycle, an import the sandbox refuses, and undoing each.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load, type LoadOptions, policyBundler } from "../../compiler/load";

const TEAMS = ["edge", "shop", "pay"] as const;
type Team = (typeof TEAMS)[number];

/** What each file holds now; the policy on disk is written from it. */
interface State {
  helperPort: number;
  teams: Map<Team, string>;
  /** Teams the entry gathers (a removed team is gone from the entry and from disk). */
  gathered: Set<Team>;
  extra: boolean;
}

const teamFile = (team: Team, body = "") =>
  [
    `import { service } from "meshc";`,
    team === "pay" ? "" : `import { port } from "../lib/ports";`,
    body,
    `export const ${team}Api = service("${team}-api", { namespace: "${team}", ports: { http: ${team === "pay" ? "9000" : "port"} } });`,
    "",
  ].join("\n");

const EDITS: readonly ((s: State, n: number) => void)[] = [
  (s, n) => s.teams.set(TEAMS[n % 3]!, teamFile(TEAMS[n % 3]!, `const note${n} = ${n};`)),
  (s, n) => (s.helperPort = 8000 + (n % 100)),
  (s, n) => s.teams.set(TEAMS[n % 3]!, teamFile(TEAMS[n % 3]!, "const broken = ;")),
  (s, n) => s.teams.set(TEAMS[n % 3]!, teamFile(TEAMS[n % 3]!, `throw new Error("team ${n} refuses");`)),
  (s, n) => s.teams.set(TEAMS[n % 3]!, teamFile(TEAMS[n % 3]!, "while (true) {}")),
  (s, n) => s.gathered.delete(TEAMS[n % 3]!),
  (s, n) => s.gathered.add(TEAMS[n % 3]!),
  (s) => (s.extra = !s.extra),
  // edge and shop import each other: esbuild orders the cycle, the sandbox evaluates it as it is bundled.
  (s) => (s.teams.set("edge", teamFile("edge", `import { shopApi } from "./shop"; export const seen = () => shopApi;`)), s.teams.set("shop", teamFile("shop", `import { edgeApi } from "./edge"; export const back = () => edgeApi;`))),
  (s, n) => s.teams.set(TEAMS[n % 3]!, teamFile(TEAMS[n % 3]!, `import { readFileSync } from "node:fs";`)),
  (s, n) => s.teams.set(TEAMS[n % 3]!, teamFile(TEAMS[n % 3]!)),
];

function write(root: string, s: State): void {
  writeFileSync(join(root, "lib/ports.ts"), `export const port = ${s.helperPort};\n`);
  for (const team of TEAMS) {
    const file = join(root, "teams", `${team}.ts`);
    if (s.gathered.has(team)) writeFileSync(file, s.teams.get(team)!);
    else rmSync(file, { force: true });
  }
  const extraFile = join(root, "teams/extra.ts");
  if (s.extra) writeFileSync(extraFile, `import { service } from "meshc";\nexport const extra = service("extra", { namespace: "extra", ports: { http: 7000 } });\n`);
  else rmSync(extraFile, { force: true });
  const gathered = [...TEAMS.filter((t) => s.gathered.has(t)), ...(s.extra ? ["extra"] : [])];
  writeFileSync(
    join(root, "mesh.ts"),
    [
      `import { defineMesh } from "meshc";`,
      ...gathered.map((t) => `import * as ${t} from "./teams/${t}";`),
      `export default defineMesh({ name: "m", ipFamily: "ipv6", zones: ["a"], services: [${gathered.join(", ")}] });`,
      "",
    ].join("\n"),
  );
}

test("through random edits, a load through a kept bundler equals a fresh load, failures included", async () => {
  // A short deadline, so the endless loop costs little; the same for both loads. It is wall time: the first
  // load of a process also instantiates QuickJS, which on a loaded machine outlasted 300 ms on one side only,
  // so the sandbox is made once before the property, and the deadline leaves room for a busy machine.
  const options: LoadOptions = { timeoutMs: 1000 };
  const warm = mkdtempSync(join(tmpdir(), "meshc-bundler-"));
  mkdirSync(join(warm, "teams"));
  mkdirSync(join(warm, "lib"));
  write(warm, { helperPort: 8080, teams: new Map(TEAMS.map((t) => [t, teamFile(t)])), gathered: new Set(TEAMS), extra: false });
  await load(join(warm, "mesh.ts"));
  rmSync(warm, { recursive: true, force: true });
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.nat(EDITS.length - 1), fc.nat(1000)), { minLength: 4, maxLength: 10 }), async (edits) => {
      const root = mkdtempSync(join(tmpdir(), "meshc-bundler-"));
      mkdirSync(join(root, "teams"));
      mkdirSync(join(root, "lib"));
      const state: State = { helperPort: 8080, teams: new Map(TEAMS.map((t) => [t, teamFile(t)])), gathered: new Set(TEAMS), extra: false };
      const bundler = policyBundler();
      try {
        write(root, state);
        const entry = join(root, "mesh.ts");
        assert.equal(await load(entry, { ...options, bundler }), await load(entry, options), "before any edit");
        for (const [edit, n] of edits) {
          EDITS[edit]!(state, n);
          write(root, state);
          const kept = await load(entry, { ...options, bundler });
          const fresh = await load(entry, options);
          assert.equal(kept, fresh, `after edit ${edit} (${n})`);
        }
        runs++;
      } finally {
        await bundler.dispose();
        rmSync(root, { recursive: true, force: true });
      }
    }),
    { numRuns: 12 },
  );
  assert.is(runs, 12);
});

test("the edits reach both outcomes: a kept bundler sees a fixed error fixed, and a new error", async () => {
  const root = mkdtempSync(join(tmpdir(), "meshc-bundler-"));
  const bundler = policyBundler();
  try {
    mkdirSync(join(root, "teams"));
    mkdirSync(join(root, "lib"));
    const state: State = { helperPort: 8080, teams: new Map(TEAMS.map((t) => [t, teamFile(t)])), gathered: new Set(TEAMS), extra: false };
    write(root, state);
    const entry = join(root, "mesh.ts");
    assert.ok((await load(entry, { bundler })).ok);
    EDITS[2]!(state, 1);
    write(root, state);
    const broken = await load(entry, { bundler });
    assert.equal(broken.ok ? [] : broken.diagnostics.map((d) => d.code), ["MESH001"]);
    EDITS[10]!(state, 1);
    write(root, state);
    assert.ok((await load(entry, { bundler })).ok);
    unlinkSync(join(root, "lib/ports.ts"));
    const missing = await load(entry, { bundler });
    assert.not.ok(missing.ok);
  } finally {
    await bundler.dispose();
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
