// Kernel tests of how init.sh picks an iptables backend, and of what it tells the operator: a kernel without
// legacy iptables (simulated faithfully by no-legacy-kernel.py: the kernel's own ENOPROTOOPT for the legacy
// socket options) falls back to iptables-nft when only the image's default chose legacy; a chain without
// rules is state that decides the backend (kubelet's KUBE-IPTABLES-HINT is such a chain); rules in both
// backends are reported as such; a failed commit names the tool that failed; and --dry-run creates no table.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { buildCapture } from "../../../targets/capture";
import type { MeshModel } from "../../../compiler/model";
import { kernelCapture, meshModel, serviceModel } from "../model-fixture";
import { landed } from "./landing";
import { CLIENT, kernelSuite, NO_LEGACY_KERNEL, POD, PodNetwork, pythonPath, tcp } from "./pod-network";
import { canonical, everything, ruleset, rulesIn } from "./rulesets";

const kernel = kernelSuite(test);

const artifact = (mesh: MeshModel, file: string) => buildCapture(mesh).find((a) => a.path === `capture/orders/${file}`)!.content;
const dual = () => meshModel("dual", [serviceModel("orders", kernelCapture("redirect"))]);

function kernelTest(name: string, body: (net: PodNetwork) => Promise<void> | void): void {
  kernel(name, async () => {
    const net = new PodNetwork("detect");
    try {
      await body(net);
    } finally {
      net.teardown();
    }
  });
}

/** A PATH like this machine's, where the plain `iptables` and `ip6tables` are the legacy variant. */
function legacyImage(net: PodNetwork): NodeJS.ProcessEnv {
  const bin = join(net.dir, "bin");
  mkdirSync(bin);
  for (const name of ["iptables", "ip6tables"]) symlinkSync("/usr/sbin/xtables-legacy-multi", join(bin, name));
  for (const dir of ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]) {
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const entry of entries) {
      try {
        symlinkSync(join(dir, entry), join(bin, entry));
      } catch {
        // the first directory on PATH wins, as it would for the shell
      }
    }
  }
  return { ...process.env, PATH: bin };
}

/** The legacy tables the kernel instantiated in the pod (reading /proc creates none). */
function legacyTables(net: PodNetwork): string {
  return net.exec(net.pod, ["cat", "/proc/net/ip_tables_names", "/proc/net/ip6_tables_names"]).stdout.trim();
}

kernelTest("a kernel without legacy iptables: an image whose iptables is legacy falls back to iptables-nft and captures", async (net) => {
  await net.serve(net.pod, "proxy", ["tcp:15006", "tcp:15001"], 1337);
  await net.serve(net.client, "server", ["tcp:80"]);
  const env = legacyImage(net);
  assert.match(net.exec(net.pod, ["iptables", "-V"], env).stdout, "(legacy)", "the image's default is legacy");
  const script = net.writeScript("init.sh", artifact(dual(), "init.sh"));
  const r = net.exec(net.pod, [pythonPath(), NO_LEGACY_KERNEL, "sh", script], env);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, "with iptables-nft: no rules in this pod yet; this image's iptables is iptables-legacy, but this kernel gives no legacy iptables");
  assert.match(ruleset(net, "iptables-nft"), "MESHC_OUTPUT");
  assert.is(legacyTables(net), "", "no legacy table");
  for (const f of ["ipv4", "ipv6"] as const) {
    landed(net.connect(net.client, [tcp(POD[f], 8080)])[0]!, "proxy", 15006, [POD[f], 8080]);
    landed(net.connect(net.pod, [tcp(CLIENT[f], 80)])[0]!, "proxy", 15001, [CLIENT[f], 80]);
  }
  // An explicit --backend=iptables-legacy is the operator's choice: no fallback, a clear message.
  const forced = net.exec(net.pod, [pythonPath(), NO_LEGACY_KERNEL, "sh", script, "--backend=iptables-legacy"], env);
  assert.is(forced.status, 1, forced.stderr);
  assert.match(forced.stderr, "this kernel gives no legacy iptables");
});

kernelTest("a chain without rules decides the backend: an empty legacy chain (kubelet's hint) means legacy", (net) => {
  // This machine's plain iptables is iptables-nft: without the chain, detect would choose nft.
  assert.match(net.exec(net.pod, ["iptables", "-V"]).stdout, "nf_tables");
  net.exec(net.pod, ["iptables-legacy", "-t", "mangle", "-N", "KUBE-IPTABLES-HINT"]);
  const r = net.exec(net.pod, ["sh", net.writeScript("init.sh", artifact(dual(), "init.sh"))]);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, "with iptables-legacy: iptables-legacy holds 1 rules or chains in this pod, iptables-nft 0");
  assert.match(ruleset(net, "iptables-legacy"), "MESHC_OUTPUT");
  assert.not.match(ruleset(net, "iptables-nft"), "MESHC_");
});

kernelTest("rules in both backends: the message says so (not 'no rules in this pod yet')", (net) => {
  net.exec(net.pod, ["iptables-legacy", "-A", "INPUT", "-p", "tcp", "--dport", "1", "-j", "ACCEPT"]);
  net.exec(net.pod, ["iptables-nft", "-A", "INPUT", "-p", "tcp", "--dport", "1", "-j", "ACCEPT"]);
  const r = net.exec(net.pod, ["sh", net.writeScript("init.sh", artifact(dual(), "init.sh"))]);
  assert.is(r.status, 0, r.stderr);
  assert.not.match(r.stderr, "no rules in this pod yet");
  assert.match(r.stderr, "with iptables-nft: iptables-legacy and iptables-nft both hold 1 rules or chains in this pod; this image's iptables is iptables-nft");
});

kernelTest("a dual mesh whose IPv6 commit fails: the message names ip6tables, the tool that failed", (net) => {
  const good = artifact(dual(), "init.sh");
  // The owner match is not allowed in PREROUTING: --test accepts it, the kernel refuses the commit. The
  // first occurrence of this rule is in the IPv6 rules, which are applied first.
  const broken = good.replace("-A MESHC_INBOUND -p tcp --dport 9000 -j RETURN", "-A MESHC_INBOUND -p tcp -m owner --uid-owner 1 -j RETURN");
  assert.ok(broken !== good);
  for (const backend of ["legacy", "nft"]) {
    const before = canonical(net);
    const r = net.exec(net.pod, ["sh", net.writeScript("broken.sh", broken), `--backend=iptables-${backend}`]);
    assert.is(r.status, 1, r.stderr);
    assert.match(r.stderr, `ip6tables-${backend}-restore failed on the ipv6 rules; rolled every family back`);
    assert.fixture(canonical(net), before);
  }
});

kernelTest("--dry-run with the legacy backend creates no table in a fresh namespace and prints the rules", (net) => {
  const mesh = dual();
  const script = net.writeScript("init.sh", artifact(mesh, "init.sh"));
  assert.is(legacyTables(net), "", "a fresh namespace has no legacy table");
  const r = net.exec(net.pod, ["sh", script, "--dry-run", "--backend=iptables-legacy"]);
  assert.is(r.status, 0, r.stderr);
  assert.is(legacyTables(net), "", "the dry run created no legacy table");
  const withoutComments = (t: string) => t.split("\n").filter((l) => !l.startsWith("#")).join("\n");
  assert.fixture(withoutComments(r.stdout), withoutComments(artifact(mesh, "rules.v6") + artifact(mesh, "rules.v4")));
  // Nor does a detecting dry run, nor one with iptables-nft (which would create nft tables).
  for (const flags of [[], ["--backend=iptables-nft"]]) {
    assert.is(net.exec(net.pod, ["sh", script, "--dry-run", ...flags]).status, 0);
    assert.is(legacyTables(net), "");
    assert.is(net.exec(net.pod, ["nft", "list", "tables"]).stdout.trim(), "");
  }
  assert.equal(rulesIn(everything(net)), []);
});

test.run();
