// A check that throws is a meshc bug: it becomes one MESH900 naming the check, and the other checks still run.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runChecks } from "../../compiler/checks/registry";
import { normalize } from "../../compiler/normalize";

const { model } = normalize({ $kind: "mesh", spec: { name: "m", ipFamily: "ipv6", zones: ["z1"], services: [] } });

test("a throwing check becomes MESH900 naming it; the others still report", () => {
  const diagnostics = runChecks(model, [
    { name: "explodes", run: () => { throw new Error("boom"); } },
    { name: "fine", run: () => [{ code: "MESH200", severity: "error", message: "still here", path: "mesh" }] },
  ]);
  assert.equal(diagnostics.map((d) => [d.code, d.message]), [
    ["MESH900", "the check 'explodes' failed: boom"],
    ["MESH200", "still here"],
  ]);
});

test("the registered checks pass an empty mesh without a finding", () => {
  assert.equal(runChecks(model).filter((d) => d.code === "MESH900"), []);
});

test.run();
