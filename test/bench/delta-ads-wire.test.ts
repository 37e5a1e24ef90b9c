// The benchmark's hand-written delta-ADS wire (bench/delta-ads-wire.ts) against Envoy's own protos: the requests
// it writes decode to what it meant, and what it reads of a response is what Envoy's DeltaDiscoveryResponse holds,
// whatever else the response carries.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { deltaRequestFrame, encodeNode, readDeltaResponse } from "../../bench/delta-ads-wire";
import { envoyProtos } from "../../compiler/validate/envoy";

const type = (name: string) => envoyProtos().root.lookupType(name);

test("requests: a first request with its node, a subscription, an ACK", () => {
  const request = type("envoy.service.discovery.v3.DeltaDiscoveryRequest");
  const node = encodeNode({ id: "orders-v1.shop.zone-a.pod-7", zone: "zone-a", userAgentName: "envoy", metadata: { namespace: "shop", service: "orders", version: "v1" } });
  const frames = [
    deltaRequestFrame({ node, typeUrl: "type.googleapis.com/envoy.config.cluster.v3.Cluster" }),
    deltaRequestFrame({ typeUrl: "t", subscribe: ["outbound|8080|v1|a.b.svc.cluster.local", "ü"] }),
    deltaRequestFrame({ typeUrl: "t", responseNonce: "17" }),
  ];
  const decoded = frames.map((f) => {
    assert.is(f[0], 0, "uncompressed");
    assert.is(f.readUInt32BE(1), f.length - 5, "the gRPC length prefix");
    return request.toObject(request.decode(f.subarray(5)));
  });
  assert.equal(decoded[0], {
    node: { id: "orders-v1.shop.zone-a.pod-7", locality: { zone: "zone-a" }, user_agent_name: "envoy", metadata: { fields: { namespace: { stringValue: "shop" }, service: { stringValue: "orders" }, version: { stringValue: "v1" } } } },
    type_url: "type.googleapis.com/envoy.config.cluster.v3.Cluster",
  });
  assert.equal(decoded[1], { type_url: "t", resource_names_subscribe: ["outbound|8080|v1|a.b.svc.cluster.local", "ü"] });
  assert.equal(decoded[2], { type_url: "t", response_nonce: "17" });
});

test("responses: type, nonce, removals, each resource's name and Any bytes, other fields skipped", () => {
  const response = type("envoy.service.discovery.v3.DeltaDiscoveryResponse");
  const value = Buffer.from([1, 2, 3, 250, 0]);
  const bytes = response
    .encode(
      response.fromObject({
        system_version_info: "sys",
        type_url: "type.googleapis.com/x",
        nonce: "9",
        removed_resources: ["gone", "also gone"],
        control_plane: { identifier: "meshc" },
        resources: [
          { name: "a", version: "1", aliases: ["x"], resource: { type_url: "type.googleapis.com/x", value }, ttl: { seconds: 5 } },
          { name: "b", version: "2" },
        ],
      }),
    )
    .finish();
  const read = readDeltaResponse(bytes);
  assert.is(read.typeUrl, "type.googleapis.com/x");
  assert.is(read.nonce, "9");
  assert.equal(read.removed, ["gone", "also gone"]);
  assert.equal(read.resources.map((r) => [r.name, [...r.value]]), [["a", [...value]], ["b", []]]);
  assert.throws(() => readDeltaResponse(bytes.subarray(0, bytes.length - 3)), /truncated/);
});

test.run();
