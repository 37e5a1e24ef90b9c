// Kernel tests of init.sh's guarantees beyond capture itself: a family the node cannot serve stops the script
// with a clear message (never a silent IPv4-only pod), the backend follows the rules already in the pod, a
// broken rule applies nothing, a changed policy replaces the old rules exactly, and --dry-run prints the rules
// files and changes nothing. The family a mesh does not use: unused-family.test.ts; how the backend is
// chosen: backend-detection.test.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { buildCapture } from "../../../targets/capture";
import type { MeshModel } from "../../../compiler/model";
import { kernelCapture, meshModel, serviceModel } from "../model-fixture";
import { landed } from "./landing";
import { kernelSuite, POD, PodNetwork, tcp } from "./pod-network";
import { canonical, everything, ruleset, rulesIn } from "./rulesets";

const kernel = kernelSuite(test);

const artifact = (mesh: MeshModel, file: string) => buildCapture(mesh).find((a) => a.path === `capture/orders/${file}`)!.content;
const dual = (capture = kernelCapture("redirect")) => meshModel("dual", [serviceModel("orders", capture)]);

function kernelTest(name: string, body: (net: PodNetwork) => Promise<void> | void): void {
  kernel(name, async () => {
    const net = new PodNetwork("init");
    try {
      await body(net);
    } finally {
      net.teardown();
    }
  });
}

kernelTest("IPv6 disabled in the pod: the script fails with a clear message and applies nothing", (net) => {
  net.exec(net.pod, ["sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1"]);
  const script = net.writeScript("init.sh", artifact(dual(), "init.sh"));
  for (const flags of [[], ["--backend=nft"]]) {
    const r = net.exec(net.pod, ["sh", script, ...flags]);
    assert.is(r.status, 1);
    assert.match(r.stderr, /the mesh uses IPv6, but IPv6 is disabled in this pod/);
    assert.equal(rulesIn(everything(net)), []);
  }
});

kernelTest("ip6tables missing from the image: the script fails naming it and applies no IPv4 rule either", (net) => {
  const bin = join(net.dir, "bin");
  mkdirSync(bin);
  for (const dir of ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]) {
    for (const entry of safeList(dir)) {
      if (entry.startsWith("ip6tables") || entry === "nft") continue;
      try {
        symlinkSync(join(dir, entry), join(bin, entry));
      } catch {
        // the first directory on PATH wins, as it would for the shell
      }
    }
  }
  const script = net.writeScript("init.sh", artifact(dual(), "init.sh"));
  const r = net.exec(net.pod, ["sh", script], { ...process.env, PATH: bin });
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stderr, /the mesh uses ipv6, but ip6tables-nft-restore is not installed in this image; refusing to skip ipv6/);
  assert.equal(rulesIn(everything(net)), []);
});

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

kernelTest("detect follows the backend that already holds rules in the pod (iptables-legacy here)", (net) => {
  net.exec(net.pod, ["iptables-legacy", "-t", "filter", "-A", "INPUT", "-p", "tcp", "--dport", "1", "-j", "ACCEPT"]);
  const script = net.writeScript("init.sh", artifact(dual(), "init.sh"));
  const r = net.exec(net.pod, ["sh", script]);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, "with iptables-legacy: iptables-legacy holds 1 rules or chains in this pod, iptables-nft 0");
  assert.match(ruleset(net, "iptables-legacy"), "MESHC_OUTPUT");
  assert.not.match(ruleset(net, "iptables-nft"), "MESHC_");
});

kernelTest("a ruleset with one broken rule applies nothing; a rule the kernel rejects rolls every family back", (net) => {
  const good = artifact(dual(), "init.sh");
  for (const backend of ["--backend=iptables-legacy", "--backend=iptables-nft"]) {
    const before = rulesIn(everything(net));
    // A rule iptables-restore itself rejects (port out of range), in the IPv4 rules: caught by --test first.
    const parseError = good.replace("-A MESHC_REDIRECT -p tcp -j REDIRECT --to-ports 15001", "-A MESHC_REDIRECT -p tcp --dport 99999 -j RETURN");
    assert.ok(parseError !== good);
    let r = net.exec(net.pod, ["sh", net.writeScript("parse.sh", parseError), backend]);
    assert.is(r.status, 1, r.stderr);
    assert.match(r.stderr, "nothing was applied");
    assert.equal(rulesIn(everything(net)), before);

    // With a good ruleset in place, a rule only the kernel rejects (the owner match is not allowed in
    // PREROUTING) in the IPv4 rules, applied after IPv6: both families end as they were.
    assert.is(net.exec(net.pod, ["sh", net.writeScript("good.sh", good), backend]).status, 0);
    const applied = canonical(net);
    const kernelError = good.replace(/(-A MESHC_INBOUND -p tcp --dport 9000 -j RETURN)(\n[\s\S]*?MESHC_END[\s\S]*?)(-A MESHC_INBOUND -p tcp --dport 9000 -j RETURN)/, "$1$2-A MESHC_INBOUND -p tcp -m owner --uid-owner 1 -j RETURN");
    assert.ok(kernelError !== good);
    r = net.exec(net.pod, ["sh", net.writeScript("kernel.sh", kernelError), backend]);
    assert.is(r.status, 1, r.stderr);
    assert.match(r.stderr, "rolled every family back");
    assert.fixture(canonical(net), applied);
    assert.is(net.exec(net.pod, ["sh", net.writeScript("good.sh", good), "--cleanup"]).status, 0);
  }
  // Native nft: one transaction; a broken rule leaves the previous table as it was.
  const nft = artifact(dual(kernelCapture("redirect", "nft")), "init.sh");
  assert.is(net.exec(net.pod, ["sh", net.writeScript("nft.sh", nft)]).status, 0);
  const applied = everything(net);
  const broken = nft.replace("meta l4proto tcp redirect to :15001", "meta l4proto tcp redirect to :99999");
  const r = net.exec(net.pod, ["sh", net.writeScript("nft-broken.sh", broken)]);
  assert.is(r.status, 1);
  assert.match(r.stderr, "nft rejected the ruleset; nothing was applied");
  assert.fixture(everything(net), applied);
});

kernelTest("a changed policy replaces the old rules exactly (chains it no longer needs are removed)", (net) => {
  const withDns = net.writeScript("dns.sh", artifact(dual(kernelCapture("tproxy")), "init.sh"));
  const plain = net.writeScript("plain.sh", artifact(dual({ excludeInboundPorts: [9000] }), "init.sh"));
  // One backend is enough: the removal logic is the same shell code for both.
  for (const backend of ["--backend=iptables-nft"]) {
    assert.is(net.exec(net.pod, ["sh", plain, backend]).status, 0);
    const fresh = canonical(net);
    assert.is(net.exec(net.pod, ["sh", plain, "--cleanup"]).status, 0);
    assert.is(net.exec(net.pod, ["sh", withDns, backend]).status, 0);
    assert.match(everything(net), "MESHC_DNS");
    assert.is(net.exec(net.pod, ["sh", plain, backend]).status, 0);
    assert.fixture(canonical(net), fresh);
    assert.not.match(net.exec(net.pod, ["ip", "-6", "rule", "show"]).stdout, "lookup 133", "TPROXY routing removed");
    assert.is(net.exec(net.pod, ["sh", plain, "--cleanup"]).status, 0);
  }
});

kernelTest("--dry-run prints exactly the rules files and changes nothing", (net) => {
  const mesh = dual();
  const script = net.writeScript("init.sh", artifact(mesh, "init.sh"));
  const before = rulesIn(everything(net));
  const r = net.exec(net.pod, ["sh", script, "--dry-run", "--backend=iptables-nft"]);
  assert.is(r.status, 0, r.stderr);
  const withoutComments = (t: string) => t.split("\n").filter((l) => !l.startsWith("#")).join("\n");
  assert.fixture(withoutComments(r.stdout), withoutComments(artifact(mesh, "rules.v6") + artifact(mesh, "rules.v4")));
  assert.equal(rulesIn(everything(net)), before);
  const nft = net.exec(net.pod, ["sh", script, "--dry-run", "--backend=nft"]);
  assert.fixture(withoutComments(nft.stdout), withoutComments(artifact(mesh, "rules.nft")));
});

kernelTest("every golden ruleset loads: iptables-restore --test on both backends, nft -c", (net) => {
  const root = join(__dirname, "../../golden/capture");
  let checked = 0;
  for (const c of readdirSync(root)) {
    // A case's service folders; the runtime a case keeps beside them (capture/runtime.sh) holds no rules.
    for (const w of readdirSync(join(root, c)).filter((e) => statSync(join(root, c, e)).isDirectory())) {
      for (const file of readdirSync(join(root, c, w))) {
        const text = readFileSync(join(root, c, w, file), "utf8");
        const tools = file === "rules.v4" ? ["iptables-legacy-restore", "iptables-nft-restore"] : file === "rules.v6" ? ["ip6tables-legacy-restore", "ip6tables-nft-restore"] : file === "rules.nft" ? ["nft"] : [];
        for (const tool of tools) {
          const argv = tool === "nft" ? ["nft", "-c", "-f", join(root, c, w, file)] : ["sh", "-c", `${tool} --noflush --test < '${join(root, c, w, file)}'`];
          const r = net.exec(net.pod, argv);
          assert.is(r.status, 0, `${c}/${w}/${file} with ${tool}: ${r.stderr} ${text.length}`);
          checked++;
        }
      }
    }
  }
  assert.ok(checked > 30, `checked ${checked}`);
});

test.run();
