// Reads what the Envoy target wrote — the YAML text, parsed — so the tests check the shipped bytes, not the
// target's internal objects.
import { parse } from "yaml";
import { type MeshModel, workloads } from "../../compiler/model";
import { envoyFolder } from "../../targets/sidecar-layout";
import { envoyTarget } from "../../targets/envoy";

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Doc = any;

export interface SidecarFiles {
  readonly bootstrap: Doc;
  readonly listeners: Doc[];
  readonly clusters: Doc[];
  readonly text: { readonly bootstrap: string; readonly lds: string; readonly cds: string };
}

const builds = new WeakMap<MeshModel, Map<string, Map<string, string>>>();

/** Every artifact of one build, by path; a build is made once per (model, drills) in a test process. */
export function buildAll(mesh: MeshModel, drills: readonly string[] = []): Map<string, string> {
  let byDrills = builds.get(mesh);
  if (!byDrills) builds.set(mesh, (byDrills = new Map()));
  const key = [...drills].sort().join(",");
  let files = byDrills.get(key);
  if (!files) byDrills.set(key, (files = new Map(envoyTarget.build(mesh, { drills }).map((a) => [a.path, a.content]))));
  return files;
}

/** The files a sidecar of `workload` (its name, `<service>-<version>`) mounts in `zone`: its service's folder. */
export function sidecar(mesh: MeshModel, workload: string, zone: string, drills: readonly string[] = []): SidecarFiles {
  const files = buildAll(mesh, drills);
  const w = workloads(mesh).find((x) => x.name === workload);
  if (!w) throw new Error(`no workload ${workload}`);
  const folder = envoyFolder(w.service.name, w.version, zone);
  const read = (name: string) => {
    const text = files.get(`${folder}/${name}`);
    if (text === undefined) throw new Error(`no ${folder}/${name} in the output`);
    return text;
  };
  const text = { bootstrap: read("bootstrap.yaml"), lds: read("lds.yaml"), cds: read("cds.yaml") };
  return { bootstrap: parse(text.bootstrap), listeners: parse(text.lds).resources, clusters: parse(text.cds).resources, text };
}

export function listener(files: SidecarFiles, name: string): Doc {
  const found = files.listeners.find((l: Doc) => l.name === name);
  if (!found) throw new Error(`no listener ${name}`);
  return found;
}

/** The HTTP route table of the outbound chain for a destination port. */
export function outboundRouteTable(files: SidecarFiles, port: number): Doc {
  const chain = listener(files, "outbound").filter_chains.find((c: Doc) => c.filter_chain_match?.destination_port === port && !c.filter_chain_match?.server_names);
  const hcm = chain?.filters.find((f: Doc) => f.name === "envoy.filters.network.http_connection_manager");
  if (!hcm) throw new Error(`no outbound HTTP chain for port ${port}`);
  return hcm.typed_config.route_config;
}

export function cluster(files: SidecarFiles, name: string): Doc {
  const found = files.clusters.find((c: Doc) => c.name === name);
  if (!found) throw new Error(`no cluster ${name}; have ${files.clusters.map((c: Doc) => c.name).join(", ")}`);
  return found;
}
