// Kernel test: redirect mode, dual-stack, for each backend (iptables-legacy, iptables-nft, native nft). The
// rules are applied by the generated init.sh in a real pod namespace; a client namespace connects to it, and a
// transparent-proxy stub reports where each connection landed and its original destination as the kernel
// recorded it (SO_ORIGINAL_DST / IP6T_SO_ORIGINAL_DST).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildCapture } from "../../../targets/capture";
import { kernelCapture, meshModel, serviceModel } from "../model-fixture";
import { landed } from "./landing";
import { CLIENT, EXCLUDED, kernelSuite, POD, PodNetwork, tcp, udp } from "./pod-network";
import { BACKENDS, type Backend, everything, ruleset, rulesIn } from "./rulesets";

const kernel = kernelSuite(test);

function initScript(backend: Backend): string {
  const mesh = meshModel("dual", [serviceModel("orders", kernelCapture("redirect", backend === "nft" ? "nft" : "detect"), { probes: { port: 8086, path: "/healthz" } })]);
  return buildCapture(mesh).find((a) => a.path === "capture/orders/init.sh")!.content;
}

const FLAG: Record<Backend, string[]> = { "iptables-legacy": ["--backend=iptables-legacy"], "iptables-nft": ["--backend=iptables-nft"], nft: [] };

async function startStubs(net: PodNetwork): Promise<void> {
  // The proxy runs as the sidecar's uid, as the real one does: DNS replies reach the app only from it (dns-zones.ts).
  await net.serve(net.pod, "proxy", ["tcp:15006", "tcp:15001", "tcp:15053", "udp:15053:loopback"], 1337);
  await net.serve(net.pod, "app", ["tcp:8080", "tcp:9000", "tcp:8086"]);
  await net.serve(net.client, "server", ["tcp:80", "tcp:5432", "tcp:53", "udp:53"]);
}

for (const backend of BACKENDS) {
  kernel(`redirect, dual-stack, ${backend}: capture, bypass, idempotence, cleanup`, async () => {
    const net = new PodNetwork("redir");
    try {
      await startStubs(net);
      const script = net.writeScript("init.sh", initScript(backend));
      const first = net.exec(net.pod, ["sh", script, ...FLAG[backend]]);
      assert.is(first.status, 0, first.stderr);
      const applied = ruleset(net, backend);
      assert.ok(/MESHC_|table inet meshc/.test(applied), "the rules are in the chosen backend");
      // Nothing landed in the other backends (iptables-nft's tables also show in nft, as `ip`/`ip6` tables).
      for (const other of BACKENDS.filter((b) => b !== backend)) {
        const foreign = other === "nft" ? /table inet meshc/ : /MESHC_/;
        assert.not.ok(foreign.test(ruleset(net, other)), `nothing landed in ${other}`);
      }

      for (const f of ["ipv4", "ipv6"] as const) {
        // Inbound: captured to 15006 with the original destination; the excluded port and the probe port are not.
        const [inbound, excluded, probe] = net.connect(net.client, [tcp(POD[f], 8080), tcp(POD[f], 9000), tcp(POD[f], 8086)]);
        landed(inbound!, "proxy", 15006, [POD[f], 8080]);
        landed(excluded!, "app", 9000);
        landed(probe!, "app", 8086);

        // Outbound from the app: captured to 15001 (TCP) and 15053 (DNS); excluded port and CIDR bypass.
        const app = net.connect(net.pod, [tcp(CLIENT[f], 80), tcp(CLIENT[f], 5432), tcp(EXCLUDED[f], 80), tcp(CLIENT[f], 53), udp(CLIENT[f], 53)]);
        landed(app[0]!, "proxy", 15001, [CLIENT[f], 80]);
        landed(app[1]!, "server", 5432);
        landed(app[2]!, "server", 80);
        landed(app[3]!, "proxy", 15053, [CLIENT[f], 53]);
        landed(app[4]!, "proxy", 15053);

        // Loopback: the app reaches itself directly.
        const loop = net.connect(net.pod, [tcp(f === "ipv4" ? "127.0.0.1" : "::1", 8080)]);
        landed(loop[0]!, "app", 8080);

        // The proxy's own traffic (uid 1337) is never captured, except its calls to the pod's own address,
        // which are inbound traffic for the pod; on loopback it reaches the app directly.
        const proxy = net.connect(net.pod, [tcp(CLIENT[f], 80), udp(CLIENT[f], 53), tcp(POD[f], 8080), tcp(f === "ipv4" ? "127.0.0.1" : "::1", 8080)], 1337);
        landed(proxy[0]!, "server", 80);
        landed(proxy[1]!, "server", 53);
        landed(proxy[2]!, "proxy", 15006, [POD[f], 8080]);
        landed(proxy[3]!, "app", 8080);
      }

      // Idempotent: a second run (a restarted init container) leaves exactly the same ruleset.
      const second = net.exec(net.pod, ["sh", script, ...FLAG[backend]]);
      assert.is(second.status, 0, second.stderr);
      assert.fixture(ruleset(net, backend), applied);

      // --cleanup removes everything meshc added; traffic then flows directly.
      const cleanup = net.exec(net.pod, ["sh", script, "--cleanup"]);
      assert.is(cleanup.status, 0, cleanup.stderr);
      assert.equal(rulesIn(everything(net)), [], "no rules left in any backend");
      assert.not.ok(/MESHC_|meshc/.test(everything(net)), "no meshc chains or tables left");
      landed(net.connect(net.pod, [tcp(CLIENT.ipv6, 80)])[0]!, "server", 80);
      landed(net.connect(net.client, [tcp(POD.ipv4, 8080)])[0]!, "app", 8080);
    } finally {
      net.teardown();
    }
  });
}

test.run();
