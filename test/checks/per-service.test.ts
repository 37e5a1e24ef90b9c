// checks/per-service.ts remembers a check's findings by the service object, never by anything an edit keeps
// (its name): an equal-named service with other content is checked again, the same object is not.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { perService } from "../../compiler/checks/per-service";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic";
import type { ServiceModel } from "../../compiler/model";
import { exampleModel } from "../envoy/example-model";

test("findings are kept per service object", async () => {
  const model = await exampleModel();
  const orders = model.services.find((s) => s.name === "orders")!;
  let calls = 0;
  const find = perService((s: ServiceModel): Diagnostic[] => (calls++, [{ code: "MESH900", severity: "error", message: `${s.name} ${s.replicas}`, path: `services.${s.name}` }]));
  const first = find(orders);
  assert.is(find(orders), first, "the same object: the same findings, not found again");
  assert.is(calls, 1);
  const edited: ServiceModel = { ...orders, replicas: orders.replicas + 1 };
  assert.is(find(edited)[0]!.message, `orders ${orders.replicas + 1}`, "an edited copy of the same name is checked again");
  assert.is(calls, 2);
  assert.equal(find({ ...orders }), first, "an equal copy gets equal findings (found again)");
  assert.is(calls, 3);
});

test.run();
