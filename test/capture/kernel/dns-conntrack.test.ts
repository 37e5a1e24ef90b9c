// Kernel test: with DNS capture, no UDP query of the app escapes to a resolver, even when it reuses the
// 4-tuple of a recent upstream query of the proxy. nat rules only see a flow's first packet, and conntrack
// keeps a UDP flow for 30 s or more after its last packet, so without separate conntrack zones the app's
// query from the proxy's old source port is the proxy's flow again and goes straight out, and the proxy's
// upstream query from an app's old source port is redirected back to the proxy (istio/istio#33469, fixed by
// conntrack zones in #33572). Every backend, both families.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildCapture } from "../../../targets/capture";
import { kernelCapture, meshModel, serviceModel } from "../model-fixture";
import { landed } from "./landing";
import { CLIENT, kernelSuite, PodNetwork, udp } from "./pod-network";
import { BACKENDS, type Backend } from "./rulesets";

const kernel = kernelSuite(test);

const PROXY_UID = 1337;
const FLAG: Record<Backend, string[]> = { "iptables-legacy": ["--backend=iptables-legacy"], "iptables-nft": ["--backend=iptables-nft"], nft: [] };

function initScript(backend: Backend): string {
  const mesh = meshModel("dual", [serviceModel("orders", kernelCapture("redirect", backend === "nft" ? "nft" : "detect"))]);
  return buildCapture(mesh).find((a) => a.path === "capture/orders/init.sh")!.content;
}

for (const backend of BACKENDS) {
  kernel(`dns capture, ${backend}: an app query reusing the proxy's recent upstream 4-tuple never escapes, in both families`, async () => {
    const net = new PodNetwork("dnsct");
    try {
      // The DNS proxy answers on loopback as the sidecar's uid, as the real one does.
      await net.serve(net.pod, "proxy", ["udp:15053:loopback"], PROXY_UID);
      await net.serve(net.client, "resolver", ["udp:53"]);
      const r = net.exec(net.pod, ["sh", net.writeScript("init.sh", initScript(backend)), ...FLAG[backend]]);
      assert.is(r.status, 0, r.stderr);
      let port = 40000;
      for (const f of ["ipv4", "ipv6"] as const) {
        const resolver = udp(CLIENT[f], 53);
        for (let round = 0; round < 3; round++) {
          // The proxy asks upstream from a port, then the app asks from that same port: still captured.
          const sport = ++port;
          landed(net.connect(net.pod, [resolver], PROXY_UID, sport)[0]!, "resolver", 53);
          landed(net.connect(net.pod, [resolver], undefined, sport)[0]!, "proxy", 15053);
          // Both again, in the order a busy pod interleaves them: neither flow takes over the other.
          landed(net.connect(net.pod, [resolver], PROXY_UID, sport)[0]!, "resolver", 53);
          landed(net.connect(net.pod, [resolver], undefined, sport)[0]!, "proxy", 15053);
          // The app asks first, then the proxy asks upstream from the app's port: it reaches the resolver.
          const other = ++port;
          landed(net.connect(net.pod, [resolver], undefined, other)[0]!, "proxy", 15053);
          landed(net.connect(net.pod, [resolver], PROXY_UID, other)[0]!, "resolver", 53);
        }
      }
      assert.is(net.exec(net.pod, ["sh", net.writeScript("init.sh", initScript(backend)), "--cleanup"]).status, 0);
    } finally {
      net.teardown();
    }
  });
}

test.run();
