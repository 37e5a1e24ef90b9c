// Kernel test: a single-family mesh rejects the family it does not use, in both directions, so nothing
// reaches the app or leaves the pod around the sidecar through it: in an IPv6-only mesh, IPv4 to the app's
// ports would skip mTLS and the access rules, and IPv4 from the app would skip `registry-only`; the same the
// other way round. Loopback of that family keeps working (`localhost` may resolve to either). Then: a pod
// where that family is off needs no rules for it, and a pod where it is on but the image lacks its tool
// refuses to start rather than leave it open.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { buildCapture } from "../../../targets/capture";
import type { Family } from "../../../compiler/model";
import { kernelCapture, meshModel, serviceModel } from "../model-fixture";
import { landed } from "./landing";
import { CLIENT, kernelSuite, type Outcome, POD, PodNetwork, tcp, udp } from "./pod-network";
import { canonical, everything, rulesIn } from "./rulesets";

const kernel = kernelSuite(test);

const LOOP = { ipv4: "127.0.0.1", ipv6: "::1" } as const;
const OTHER = { ipv4: "ipv6", ipv6: "ipv4" } as const;

function initScript(family: Family, backend: "detect" | "nft"): string {
  const mesh = meshModel(family, [serviceModel("orders", { ...kernelCapture("redirect", backend), dns: false })]);
  return buildCapture(mesh).find((a) => a.path === "capture/orders/init.sh")!.content;
}

/** Refused at once (a reset, an ICMP error or EPERM), not dropped: the sender need not wait for a timeout. */
function refused(o: Outcome): void {
  assert.not.ok(o.reply, `${o.target} must be refused, but reached ${o.reply?.name}:${o.reply?.port}`);
  assert.not.match(o.error ?? "", /timed out/, `${o.target} must be refused, not dropped`);
}

for (const mesh of ["ipv6", "ipv4"] as const) {
  const other = OTHER[mesh];
  for (const [backend, flags] of [["iptables-legacy", ["--backend=iptables-legacy"]], ["iptables-nft", ["--backend=iptables-nft"]], ["nft", []]] as const) {
    kernel(`an ${mesh}-only mesh, ${backend}: ${other} neither reaches the app nor leaves the pod around the sidecar; ${other} loopback works`, async () => {
      const net = new PodNetwork("family");
      try {
        await net.serve(net.pod, "proxy", ["tcp:15006", "tcp:15001"], 1337);
        await net.serve(net.pod, "app", ["tcp:8080", "tcp:9000", "udp:7000"]);
        await net.serve(net.client, "server", ["tcp:80", "udp:53"]);
        const script = net.writeScript("init.sh", initScript(mesh, backend === "nft" ? "nft" : "detect"));
        const r = net.exec(net.pod, ["sh", script, ...flags]);
        assert.is(r.status, 0, r.stderr);

        // The mesh's family is captured as before.
        landed(net.connect(net.client, [tcp(POD[mesh], 8080)])[0]!, "proxy", 15006, [POD[mesh], 8080]);
        landed(net.connect(net.pod, [tcp(CLIENT[mesh], 80)])[0]!, "proxy", 15001, [CLIENT[mesh], 80]);

        // Inbound in the other family, to a captured port, an excluded port and over UDP: refused.
        for (const o of net.connect(net.client, [tcp(POD[other], 8080), tcp(POD[other], 9000), udp(POD[other], 7000)])) refused(o);
        // Outbound in the other family, from the app and from the proxy: refused, so registry-only holds.
        for (const o of net.connect(net.pod, [tcp(CLIENT[other], 80), udp(CLIENT[other], 53)])) refused(o);
        refused(net.connect(net.pod, [tcp(CLIENT[other], 80)], 1337)[0]!);
        // Loopback of the other family: the app still reaches itself.
        landed(net.connect(net.pod, [tcp(LOOP[other], 8080)])[0]!, "app", 8080);

        // Idempotent, and --cleanup removes the rejection too.
        const before = everything(net);
        assert.is(net.exec(net.pod, ["sh", script, ...flags]).status, 0);
        assert.fixture(everything(net), before);
        assert.is(net.exec(net.pod, ["sh", script, "--cleanup"]).status, 0);
        assert.equal(rulesIn(everything(net)), []);
        landed(net.connect(net.client, [tcp(POD[other], 8080)])[0]!, "app", 8080);
      } finally {
        net.teardown();
      }
    });
  }
}

kernel("an IPv6-only mesh that becomes dual stack: the next run removes the IPv4 rejection and captures IPv4", () => {
  const net = new PodNetwork("family");
  try {
    const dual = buildCapture(meshModel("dual", [serviceModel("orders", kernelCapture("redirect"))])).find((a) => a.path === "capture/orders/init.sh")!.content;
    for (const flags of [["--backend=iptables-legacy"], ["--backend=iptables-nft"], ["--backend=nft"]]) {
      assert.is(net.exec(net.pod, ["sh", net.writeScript("dual.sh", dual), ...flags]).status, 0);
      const fresh = canonical(net);
      assert.is(net.exec(net.pod, ["sh", net.writeScript("dual.sh", dual), "--cleanup"]).status, 0);
      const v6 = flags[0] === "--backend=nft" ? initScript("ipv6", "nft") : initScript("ipv6", "detect");
      assert.is(net.exec(net.pod, ["sh", net.writeScript("v6.sh", v6), ...flags]).status, 0);
      assert.match(everything(net), /MESHC_REJECT_OUT|reject_output/);
      assert.is(net.exec(net.pod, ["sh", net.writeScript("dual.sh", dual), ...flags]).status, 0);
      assert.fixture(canonical(net), fresh);
      assert.is(net.exec(net.pod, ["sh", net.writeScript("dual.sh", dual), "--cleanup"]).status, 0);
    }
  } finally {
    net.teardown();
  }
});

/** A PATH holding every command of this machine except those `drop` rejects. */
function pathWithout(net: PodNetwork, drop: (name: string) => boolean): string {
  const bin = join(net.dir, "bin");
  mkdirSync(bin);
  for (const dir of ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]) {
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (drop(entry)) continue;
      try {
        symlinkSync(join(dir, entry), join(bin, entry));
      } catch {
        // the first directory on PATH wins, as it would for the shell
      }
    }
  }
  return bin;
}

function noIp6tables(net: PodNetwork): NodeJS.ProcessEnv {
  return { ...process.env, PATH: pathWithout(net, (name) => name.startsWith("ip6tables")) };
}

kernel("an IPv4-only mesh in a pod with IPv6 off and no ip6tables: IPv6 needs no rules, and the script says so", () => {
  const net = new PodNetwork("family");
  try {
    net.exec(net.pod, ["sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1"]);
    const r = net.exec(net.pod, ["sh", net.writeScript("init.sh", initScript("ipv4", "detect"))], noIp6tables(net));
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stderr, "IPv6 is off in this pod, so it needs no rules");
    assert.match(everything(net), "MESHC_OUTPUT");
  } finally {
    net.teardown();
  }
});

kernel("an IPv4-only mesh in a pod with IPv6 on and no ip6tables: the script refuses, naming the tool, and applies nothing", () => {
  const net = new PodNetwork("family");
  try {
    const r = net.exec(net.pod, ["sh", net.writeScript("init.sh", initScript("ipv4", "detect"))], noIp6tables(net));
    assert.is(r.status, 1, r.stderr);
    assert.match(r.stderr, /the mesh does not use ipv6, but IPv6 is on in this pod and ip6tables-nft-restore is not installed in this image; refusing to leave ipv6 open/);
    assert.equal(rulesIn(everything(net)), []);
  } finally {
    net.teardown();
  }
});

test.run();
