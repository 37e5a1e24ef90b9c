// `meshc serve` at scale (issue 20): a generated mesh of N services, one zone's server in a child process,
// and C lightweight delta-ADS clients in this process (C/50 HTTP/2 connections of 50 streams each), each a
// sidecar of a workload of the zone (pods spread evenly over workloads). Measures the time until every
// client holds its full config (CDS, the EDS of its clusters, LDS, the RDS of its outbound listener), the
// server's peak RSS (VmHWM), and after a one-service canary change, how many clients get a push and when.
//   node --import tsx bench/serve-xds.ts [--size 1000] [--clients 6000]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import * as grpc from "@grpc/grpc-js";
import { adsServiceDefinition, CLUSTER_TYPE, ENDPOINT_TYPE, LISTENER_TYPE, ROUTE_TYPE } from "../compiler/api";
import { generateMesh, writeMesh } from "./generate";

const { values } = parseArgs({ options: { size: { type: "string", default: "1000" }, clients: { type: "string", default: "6000" }, validate: { type: "boolean", default: false }, prof: { type: "string" } } });
const size = Number(values.size);
const clients = Number(values.clients);
const PER_CONNECTION = 50;

const mesh = generateMesh({ services: size });
const work = mkdtempSync(join(tmpdir(), "meshc-bench-serve-"));
writeMesh(work, mesh.files);
const entry = join(work, mesh.entry);
const zone = /zones: \[\s*"([^"]+)"/.exec(mesh.files.get(mesh.entry)!)?.[1] ?? "";

const Client = grpc.makeGenericClientConstructor(adsServiceDefinition(), "ADS");

interface Sidecar { done: boolean; pushedAt: number }

async function main(): Promise<object> {
  const server = spawn(process.execPath, [...(values.prof ? ["--cpu-prof", "--cpu-prof-dir", values.prof] : []), "--import", "tsx", join(__dirname, "serve-server.ts"), "--entry", entry, "--zone", zone, ...(values.validate ? ["--validate"] : [])], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: server.stdout! });
  const pushes: any[] = [];
  const port = await new Promise<number>((resolve) => lines.on("line", (l) => { const m = JSON.parse(l); if (m.port) resolve(m.port); if (m.push) pushes.push(m.push); }));
  const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

  // The generator puts each service in its team's namespace.
  const workloads = mesh.services.flatMap((s) => s.versions.map((v) => ({ service: s.name, namespace: s.team, version: v })));
  const decodeListener = (value: Uint8Array): string[] => {
    // The route names of the outbound listener, read from its bytes: its HCMs' rds.route_config_name values
    // ("outbound|<port>") are plain strings on the wire, and a lightweight client decodes nothing else.
    const text = Buffer.from(value).toString("latin1");
    return [...new Set([...text.matchAll(/outbound\|\d+(?![|\d])/g)].map((m) => m[0]))];
  };
  const sidecars: Sidecar[] = [];
  const start = performance.now();
  let complete = 0;
  let allDoneAt = 0;
  let changeAt = 0;
  const connections: grpc.Client[] = [];
  for (let i = 0; i < clients; i++) {
    if (i % PER_CONNECTION === 0) connections.push(new Client(`[::1]:${port}`, grpc.credentials.createInsecure(), { "grpc.bench-connection": i }));
    const w = workloads[i % workloads.length]!;
    const call = (connections[connections.length - 1] as any).DeltaAggregatedResources();
    const me: Sidecar = { done: false, pushedAt: 0 };
    sidecars.push(me);
    const want = { eds: new Set<string>(), rds: new Set<string>(), cds: false, lds: false };
    const check = () => {
      if (!me.done && want.cds && want.lds && !want.eds.size && !want.rds.size) {
        me.done = true;
        if (++complete === clients) allDoneAt = performance.now();
      }
    };
    call.on("data", (r: any) => {
      if (changeAt && me.done && !me.pushedAt) me.pushedAt = performance.now();
      call.write({ type_url: r.type_url, response_nonce: r.nonce });
      if (r.type_url === CLUSTER_TYPE && !want.cds) {
        want.cds = true;
        const names = r.resources.map((x: any) => x.name).filter((n: string) => n.startsWith("outbound|") && !n.includes("||"));
        for (const n of names) want.eds.add(n);
        if (names.length) call.write({ type_url: ENDPOINT_TYPE, resource_names_subscribe: names });
      } else if (r.type_url === LISTENER_TYPE && !want.lds) {
        want.lds = true;
        const outbound = r.resources.find((x: any) => x.name === "outbound");
        const names = outbound ? decodeListener(outbound.resource.value) : [];
        for (const n of names) want.rds.add(n);
        if (names.length) call.write({ type_url: ROUTE_TYPE, resource_names_subscribe: names });
      } else if (r.type_url === ENDPOINT_TYPE) for (const x of r.resources) want.eds.delete(x.name);
      else if (r.type_url === ROUTE_TYPE) for (const x of r.resources) want.rds.delete(x.name);
      check();
    });
    call.on("error", () => {});
    const node = { id: `${w.service}-${w.version}.${w.namespace}.${zone}.pod-${i}`, locality: { zone }, user_agent_name: "envoy", metadata: { fields: { namespace: { stringValue: w.namespace }, service: { stringValue: w.service }, version: { stringValue: w.version } } } };
    call.write({ node, type_url: CLUSTER_TYPE });
    call.write({ type_url: LISTENER_TYPE });
  }
  while (!allDoneAt && performance.now() - start < 120_000) await new Promise((r) => setTimeout(r, 50));
  const servedMs = allDoneAt ? allDoneAt - start : null;
  const rssAfterServe = hwm();

  // One-service change: a canary weight of a non-hub service with a few callers.
  const target = mesh.services.find((s) => !s.hub && s.callers.length >= 3 && s.callers.length <= 8 && s.versions.length > 1);
  let change: object = { error: "no service to change" };
  if (target) {
    const file = join(work, "teams", `${target.team}.ts`);
    const [before, after] = readFileSync(file, "utf8").split(`service(${JSON.stringify(target.name)}`) as [string, string];
    const edited = after.replace(/to: \{ v1: (\d+), v2: (\d+) \}/, (_, a: string, b: string) => `to: { v1: ${Number(a) - 1}, v2: ${Number(b) + 1} }`);
    if (edited !== after) {
      const pushesBefore = pushes.length;
      changeAt = performance.now();
      writeFileSync(file, `${before}service(${JSON.stringify(target.name)}${edited}`);
      while (pushes.length === pushesBefore && performance.now() - changeAt < 60_000) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 1000)); // let the pushes land
      const pushed = sidecars.filter((s) => s.pushedAt);
      const last = Math.max(0, ...pushed.map((s) => s.pushedAt - changeAt));
      change = { service: target.name, callers: target.callers.length, server: pushes[pushesBefore], sidecarsPushed: pushed.length, lastPushAfterSaveMs: Math.round(last) };
    }
  }
  const result = { size, clients, connections: connections.length, zone, servedAllMs: servedMs && Math.round(servedMs), complete, serverPeakRssMb: Math.round(hwm()), serverRssAfterServeMb: Math.round(rssAfterServe), change };
  for (const c of connections) c.close();
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await exited;
  rmSync(work, { recursive: true, force: true });
  return result;
}

main().then((r) => { process.stdout.write(JSON.stringify(r) + "\n"); process.exit(0); }, (e) => { process.stdout.write(JSON.stringify({ error: String(e?.stack ?? e) }) + "\n"); process.exit(1); });
