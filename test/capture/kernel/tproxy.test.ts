// Kernel test: TPROXY mode, dual-stack, for each backend. Inbound connections reach the proxy's transparent
// listener on 15006 without NAT: the accepted socket's local address is the original destination and the
// peer is the client's own address (what lets the proxy keep the client's source address). Outbound capture
// and the proxy's exemption work as in redirect mode; --cleanup also removes the policy routing.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildCapture } from "../../../targets/capture";
import { kernelCapture, meshModel, serviceModel } from "../model-fixture";
import { landed } from "./landing";
import { CLIENT, EXCLUDED, kernelSuite, POD, PodNetwork, tcp } from "./pod-network";
import { BACKENDS, type Backend, everything, ruleset, rulesIn } from "./rulesets";

const kernel = kernelSuite(test);

const FLAG: Record<Backend, string[]> = { "iptables-legacy": ["--backend=iptables-legacy"], "iptables-nft": ["--backend=iptables-nft"], nft: [] };

function initScript(backend: Backend): string {
  const mesh = meshModel("dual", [serviceModel("orders", kernelCapture("tproxy", backend === "nft" ? "nft" : "detect"), { probes: { port: 8086, path: "/healthz" } })]);
  return buildCapture(mesh).find((a) => a.path === "capture/orders/init.sh")!.content;
}

for (const backend of BACKENDS) {
  kernel(`tproxy, dual-stack, ${backend}: transparent inbound, outbound capture, idempotence, cleanup`, async () => {
    const net = new PodNetwork("tproxy");
    try {
      await net.serve(net.pod, "proxy", ["tcp:15006:transparent", "tcp:15001"]);
      await net.serve(net.pod, "app", ["tcp:8080", "tcp:9000", "tcp:8086"]);
      await net.serve(net.client, "server", ["tcp:80", "tcp:5432"]);
      const script = net.writeScript("init.sh", initScript(backend));
      const first = net.exec(net.pod, ["sh", script, ...FLAG[backend]]);
      assert.is(first.status, 0, first.stderr);
      for (const flag of ["-4", "-6"]) {
        assert.match(net.exec(net.pod, ["ip", flag, "rule", "show"]).stdout, "fwmark 0x539 lookup 133", `${flag} policy routing rule`);
        assert.match(net.exec(net.pod, ["ip", flag, "route", "show", "table", "133"]).stdout, "local default dev lo", `${flag} local route`);
      }

      for (const f of ["ipv4", "ipv6"] as const) {
        const [inbound, excluded, probe] = net.connect(net.client, [tcp(POD[f], 8080), tcp(POD[f], 9000), tcp(POD[f], 8086)]);
        landed(inbound!, "proxy", 15006);
        assert.equal(inbound!.reply!.local, [POD[f], 8080], "TPROXY keeps the original destination as the local address");
        assert.is(inbound!.reply!.peer[0], CLIENT[f], "TPROXY keeps the client's address");
        landed(excluded!, "app", 9000);
        landed(probe!, "app", 8086);

        const app = net.connect(net.pod, [tcp(CLIENT[f], 80), tcp(CLIENT[f], 5432), tcp(EXCLUDED[f], 80), tcp(f === "ipv4" ? "127.0.0.1" : "::1", 8080)]);
        landed(app[0]!, "proxy", 15001, [CLIENT[f], 80]);
        landed(app[1]!, "server", 5432);
        landed(app[2]!, "server", 80);
        landed(app[3]!, "app", 8080);

        const proxy = net.connect(net.pod, [tcp(CLIENT[f], 80), tcp(POD[f], 8080), tcp(f === "ipv4" ? "127.0.0.1" : "::1", 8080)], 1337);
        landed(proxy[0]!, "server", 80);
        landed(proxy[1]!, "proxy", 15006);
        landed(proxy[2]!, "app", 8080);
      }

      const applied = everything(net);
      const second = net.exec(net.pod, ["sh", script, ...FLAG[backend]]);
      assert.is(second.status, 0, second.stderr);
      assert.fixture(everything(net), applied);
      assert.is(net.exec(net.pod, ["ip", "-6", "rule", "show"]).stdout.split("lookup 133").length - 1, 1, "one routing rule after two runs");

      const cleanup = net.exec(net.pod, ["sh", script, "--cleanup"]);
      assert.is(cleanup.status, 0, cleanup.stderr);
      assert.equal(rulesIn(everything(net)), []);
      for (const flag of ["-4", "-6"]) assert.not.match(net.exec(net.pod, ["ip", flag, "rule", "show"]).stdout, "lookup 133");
      assert.is(ruleset(net, backend).includes("MESHC_"), false);
    } finally {
      net.teardown();
    }
  });
}

test.run();
