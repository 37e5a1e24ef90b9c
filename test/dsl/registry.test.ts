import { test } from "uvu";
import * as assert from "uvu/assert";
import { kindOf, service, svc } from "../../dsl";

test("svc.<name> is a branded reference carrying the name", () => {
  const ref = (svc as unknown as Record<string, { name: string }>).orders;
  assert.is(kindOf(ref), "service-ref");
  assert.is(ref.name, "orders");
});

test("service() brands its result", () => {
  const s = service("orders", { namespace: "shop", ports: { http: 8080 } });
  assert.is(kindOf(s), "service");
  assert.is(s.name, "orders");
});

test.run();
