// `meshc serve` at scale (issue 20): a generated mesh of N services, one server per zone (each in its own child
// process, so its peak RSS and CPU are its own), and C lightweight delta-ADS clients in this process, split
// evenly over the zones: in each zone one client per workload (C = workloads × zones: one sidecar per workload
// and zone), 50 streams per HTTP/2 connection (on Node's http2, reading only what they need: delta-ads-wire.ts). Each client has its own node id, subscribes to CDS and LDS
// (wildcard), then to the EDS of its clusters and the RDS of its outbound listener by name, and ACKs
// everything. Measures the time until every client holds its full config, each server's peak RSS (VmHWM) and
// CPU; then, after a one-service canary change in the policy file, which clients get a push (checked against
// the model: exactly the sidecars of the services that call the changed one) and when the last of them ACKed.
// The change is made --changes times (the weight moved one point and back): the first save after start-up
// costs ~1.3–1.5× the CPU of later saves (V8 still compiling the save's code on its background threads), so both are reported.
//   node --import tsx bench/serve-xds.ts [--size 1000] [--clients 6000] [--changes 3] [--validate] [--prof DIR]
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { CLUSTER_TYPE, ENDPOINT_TYPE, LISTENER_TYPE, ROUTE_TYPE } from "../compiler/api";
import { adsSession, encodeNode } from "./delta-ads-wire";
import { generateMesh, writeMesh } from "./generate";
import { ZONES } from "./generate/render-mesh";

const { values } = parseArgs({ options: { size: { type: "string", default: "1000" }, clients: { type: "string", default: "6000" }, changes: { type: "string", default: "3" }, validate: { type: "boolean", default: false }, prof: { type: "string" } } });
const size = Number(values.size);
const clients = Number(values.clients);
const PER_CONNECTION = 50;
/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const CLOCK_TICKS = 100;

const mesh = generateMesh({ services: size });
const work = mkdtempSync(join(tmpdir(), "meshc-bench-serve-"));
writeMesh(work, mesh.files);
const entry = join(work, mesh.entry);

const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Server {
  readonly zone: string;
  readonly process: ChildProcess;
  readonly port: Promise<number>;
  readonly pushes: any[];
  startedMs: number;
}

function startServer(zone: string): Server {
  const flags = values.prof ? ["--cpu-prof", "--cpu-prof-dir", values.prof] : [];
  const child = spawn(process.execPath, [...flags, "--import", "tsx", join(__dirname, "serve-server.ts"), "--entry", entry, "--zone", zone, ...(values.validate ? ["--validate"] : [])], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const t0 = performance.now();
  const server: Server = { zone, process: child, pushes: [], startedMs: 0, port: new Promise<number>((resolve) => lines.on("line", (l) => { const m = JSON.parse(l); if (m.port) (server.startedMs = performance.now() - t0, resolve(m.port)); if (m.push) server.pushes.push(m.push); })) };
  return server;
}

const status = (pid: number, field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
/** user + system CPU seconds of a process so far. */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
};

interface Sidecar { readonly zone: string; readonly service: string; done: boolean; ackedAt: number }

/** The route names of the outbound listener, read from its bytes: its HCMs' rds.route_config_name values
 * ("outbound|<port>") are plain strings on the wire, and a lightweight client decodes nothing else. */
function routeNames(value: Uint8Array): string[] {
  const text = Buffer.from(value).toString("latin1");
  return [...new Set([...text.matchAll(/outbound\|\d+(?![|\d])/g)].map((m) => m[0]))];
}

async function main(): Promise<object> {
  const loadAtStart = load();
  const servers = ZONES.map(startServer);
  const ports = await Promise.all(servers.map((s) => s.port));
  const cpuAtReady = servers.map((s) => cpuSeconds(s.process.pid!));

  // The generator puts each service in its team's namespace.
  const workloads = mesh.services.flatMap((s) => s.versions.map((v) => ({ service: s.name, namespace: s.team, version: v })));
  const sidecars: Sidecar[] = [];
  const clientCpu = process.cpuUsage();
  const start = performance.now();
  let complete = 0;
  let allDoneAt = 0;
  let changeAt = 0;
  const connections: ReturnType<typeof adsSession>[] = [];
  const perZone = Math.ceil(clients / ZONES.length);
  for (let i = 0; i < clients; i++) {
    const z = Math.floor(i / perZone);
    const zone = ZONES[z]!;
    const j = i - z * perZone;
    if (j % PER_CONNECTION === 0) connections.push(adsSession(ports[z]!));
    const w = workloads[j % workloads.length]!;
    const me: Sidecar = { zone, service: w.service, done: false, ackedAt: 0 };
    sidecars.push(me);
    const want = { eds: new Set<string>(), rds: new Set<string>(), cds: false, lds: false };
    const call = connections[connections.length - 1]!.open((r) => {
      call.send({ typeUrl: r.typeUrl, responseNonce: r.nonce }); // the ACK
      if (changeAt && me.done) me.ackedAt = performance.now();
      if (r.typeUrl === CLUSTER_TYPE && !want.cds) {
        want.cds = true;
        const names = r.resources.map((x) => x.name).filter((n) => n.startsWith("outbound|") && !n.includes("||"));
        for (const n of names) want.eds.add(n);
        if (names.length) call.send({ typeUrl: ENDPOINT_TYPE, subscribe: names });
      } else if (r.typeUrl === LISTENER_TYPE && !want.lds) {
        want.lds = true;
        const outbound = r.resources.find((x) => x.name === "outbound");
        const names = outbound ? routeNames(outbound.value) : [];
        for (const n of names) want.rds.add(n);
        if (names.length) call.send({ typeUrl: ROUTE_TYPE, subscribe: names });
      } else if (r.typeUrl === ENDPOINT_TYPE) for (const x of r.resources) want.eds.delete(x.name);
      else if (r.typeUrl === ROUTE_TYPE) for (const x of r.resources) want.rds.delete(x.name);
      if (!me.done && want.cds && want.lds && !want.eds.size && !want.rds.size) {
        me.done = true;
        if (++complete === clients) allDoneAt = performance.now();
      }
    });
    const node = encodeNode({ id: `${w.service}-${w.version}.${w.namespace}.${zone}.pod-${j}`, zone, userAgentName: "envoy", metadata: { namespace: w.namespace, service: w.service, version: w.version } });
    call.send({ node, typeUrl: CLUSTER_TYPE });
    call.send({ typeUrl: LISTENER_TYPE });
  }
  while (!allDoneAt && performance.now() - start < 180_000) await sleep(20);
  const servedMs = allDoneAt ? allDoneAt - start : null;
  const cpuServing = servers.map((s, k) => cpuSeconds(s.process.pid!) - cpuAtReady[k]!);
  const clientUsage = process.cpuUsage(clientCpu);
  const rssAfterServe = servers.map((s) => status(s.process.pid!, "VmRSS"));
  await sleep(2000); // let the servers settle before the change

  // One-service change: a canary weight of a non-hub service with a few callers. The sidecars it must reach,
  // from the model: those of the services that call it (their route tables hold its weights). Its own
  // sidecars read it too, but a weight changes nothing in them.
  const target = mesh.services.find((s) => !s.hub && s.callers.length >= 3 && s.callers.length <= 8 && s.versions.length > 1);
  const changes: object[] = [];
  if (!target) changes.push({ error: "no service to change" });
  for (let i = 0; target && i < Number(values.changes); i++) {
    const file = join(work, "teams", `${target.team}.ts`);
    const [before, after] = readFileSync(file, "utf8").split(`service(${JSON.stringify(target.name)}`) as [string, string];
    const step = i % 2 === 0 ? 1 : -1;
    const edited = after.replace(/to: \{ v1: (\d+), v2: (\d+) \}/, (_, a: string, b: string) => `to: { v1: ${Number(a) - step}, v2: ${Number(b) + step} }`);
    if (edited === after) {
      changes.push({ error: `no canary weight in ${target.name}` });
      break;
    }
    const callers = new Set(mesh.services.filter((s) => s.calls.includes(target.name)).map((s) => s.name));
    const pushesBefore = servers.map((s) => s.pushes.length);
    const cpuBefore = servers.map((s) => cpuSeconds(s.process.pid!));
    for (const s of sidecars) s.ackedAt = 0;
    changeAt = performance.now();
    writeFileSync(file, `${before}service(${JSON.stringify(target.name)}${edited}`);
    while (servers.some((s, k) => s.pushes.length === pushesBefore[k]) && performance.now() - changeAt < 60_000) await sleep(20);
    await sleep(1000); // let the pushes land
    const pushed = sidecars.filter((s) => s.ackedAt);
    const expected = sidecars.filter((s) => callers.has(s.service));
    const unexpected = pushed.filter((s) => !callers.has(s.service));
    const missed = expected.filter((s) => !s.ackedAt);
    changes.push({
      service: target.name,
      callerServices: callers.size,
      expectedSidecars: expected.length,
      sidecarsPushed: pushed.length,
      unexpected: unexpected.length,
      missed: missed.length,
      lastAckAfterSaveMs: Math.round(Math.max(0, ...pushed.map((s) => s.ackedAt - changeAt))),
      servers: servers.map((s, k) => ({ zone: s.zone, ...s.pushes[pushesBefore[k]!], cpuS: +(cpuSeconds(s.process.pid!) - cpuBefore[k]!).toFixed(2) })),
    });
    await sleep(1000); // apart from the next save
  }
  const result = {
    size,
    clients,
    connections: connections.length,
    validate: values.validate,
    servedAllMs: servedMs && Math.round(servedMs),
    /** CPU of this process (the 6 000 clients) until then. */
    clientsCpuS: +((clientUsage.user + clientUsage.system) / 1e6).toFixed(2),
    complete,
    servers: servers.map((s, k) => ({ zone: s.zone, startupMs: Math.round(s.startedMs), cpuAtReadyS: cpuAtReady[k], cpuServingS: +cpuServing[k]!.toFixed(2), rssAfterServeMb: Math.round(rssAfterServe[k]!), peakRssMb: Math.round(status(s.process.pid!, "VmHWM")) })),
    /** The first save after start-up. */
    change: changes[0],
    /** The saves after it. */
    laterChanges: changes.slice(1),
    loadAverage: { start: loadAtStart, end: load() },
  };
  for (const c of connections) c.close();
  await Promise.all(servers.map((s) => { const exited = new Promise((r) => s.process.once("exit", r)); s.process.kill("SIGTERM"); return exited; }));
  rmSync(work, { recursive: true, force: true });
  return result;
}

main().then((r) => { process.stdout.write(JSON.stringify(r) + "\n"); process.exit(0); }, (e) => { process.stdout.write(JSON.stringify({ error: String(e?.stack ?? e) }) + "\n"); process.exit(1); });
