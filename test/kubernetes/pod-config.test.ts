// A pod never starts with another zone's or another version's config: for every Deployment of the example and
// of a generated 40-service mesh (with a drill on, so zones really differ), the ConfigMaps its pod template
// mounts hold exactly the files of its own envoyFolder (its service's in its zone, shared by the versions) and
// captureFolder (under `<service>/`, with the mesh's capture runtime beside it, as in the build's capture/), byte
// for byte, and its init container runs its own service's init.sh; its proxy's command line is its own (service, version, namespace, zone), and
// what Envoy loads from that command line and the mounted files is the workload's reference config; it is
// pinned to the zone its labels and config name; and its selector is exactly its own (service, version, zone).
// The objects are those kustomize renders from each zone's folder (the ConfigMaps generated from the files).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { generateMesh, writeMesh } from "../../bench/generate";
import { compileModel } from "../../compiler/api";
import { type MeshModel, serviceByName } from "../../compiler/model";
import { sidecarConfig } from "../../targets/envoy";
import { CAPTURE_DIR, CAPTURE_RUNTIME, CAPTURE_SCRIPT, captureFolder, captureRuntimePath, envoyArgs, envoyFolder, ENVOY_CONFIG_DIR, XDS_BOOTSTRAP_FILE } from "../../targets/sidecar-layout";
import { effectiveSidecar, parseYaml } from "../envoy/effective-config";
import { exampleModel } from "../envoy/example-model";
import { renderZones } from "../kustomize/rendered";
import { packagedBuild } from "./packaged-build";

type Json = Record<string, any>;

/** Each zone's objects as `kubectl apply -k kubernetes/<zone>` applies them, by `kubernetes/<zone>/…`. */
function objects(files: ReadonlyMap<string, string>): { path: string; object: Json }[] {
  return [...renderZones(files)].flatMap(([path, text]) => parseAllDocuments(text).map((d) => ({ path, object: d.toJS() as Json })));
}

function filesOf(packaged: ReadonlyMap<string, string>, folder: string): Record<string, string> {
  return Object.fromEntries([...packaged].filter(([p]) => p.startsWith(`${folder}/`) && !p.slice(folder.length + 1).includes("/")).map(([p, c]) => [p.slice(folder.length + 1), c]).filter(([n]) => n !== XDS_BOOTSTRAP_FILE));
}

function checkEveryPod(model: MeshModel, drills: readonly string[]): number {
  const { packaged, files } = packagedBuild(model, drills);
  return checkEveryPodOf(model, drills, packaged, files);
}

function checkEveryPodOf(model: MeshModel, drills: readonly string[], packaged: ReadonlyMap<string, string>, files: ReadonlyMap<string, string>): number {
  const parsed = new Map<string, Json>();
  const parse = (text: string) => parsed.get(text) ?? parsed.set(text, parseYaml(text)).get(text);
  const all = objects(files);
  const configMaps = new Map(all.filter((o) => o.object.kind === "ConfigMap").map((o) => [`${o.object.metadata.namespace}/${o.object.metadata.name}`, o.object]));
  const deployments = all.filter((o) => o.object.kind === "Deployment");
  for (const { path, object: d } of deployments) {
    const zone = path.split("/")[1]!;
    const pod = d.spec.template;
    const { app, version } = pod.metadata.labels;
    const service = serviceByName(model, app)!;
    assert.ok(service.versions.includes(version), `${d.metadata.name}: a version of ${app}`);
    assert.equal(d.spec.selector.matchLabels, { app, version, "meshc.io/zone": zone }, `${d.metadata.name}: selector`);
    assert.is(pod.metadata.labels["meshc.io/zone"], zone);
    assert.equal(pod.spec.nodeSelector, { "topology.kubernetes.io/zone": zone }, `${d.metadata.name}: pinned to its zone`);
    /** A ConfigMap of the pod's namespace, as `projected` or `configMap` places its keys: path → content. */
    const placed = (source: Json): Record<string, string> => {
      const cm = configMaps.get(`${d.metadata.namespace}/${source.name}`);
      assert.ok(cm, `${d.metadata.name}: its ConfigMap ${source.name} is in the output`);
      assert.ok(cm!.immutable, "immutable");
      const data = cm!.data as Record<string, string>;
      if (!source.items) return { ...data };
      return Object.fromEntries(source.items.map((i: Json) => {
        assert.ok(i.key in data, `${d.metadata.name}: ${source.name} has ${i.key}`);
        return [i.path, data[i.key]!];
      }));
    };
    const mounted = (dir: string) => {
      const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
      const mounts = containers.flatMap((c: Json) => (c.volumeMounts ?? []).filter((m: Json) => m.mountPath === dir));
      assert.is(mounts.length, 1, `${d.metadata.name}: one mount at ${dir}`);
      const volume = pod.spec.volumes.find((v: Json) => v.name === mounts[0].name);
      if (volume.configMap) return placed(volume.configMap);
      const view: Record<string, string> = {};
      for (const source of volume.projected.sources) {
        for (const [p, content] of Object.entries(placed(source.configMap))) {
          assert.not.ok(p in view, `${d.metadata.name}: one file at ${dir}/${p}`);
          view[p] = content;
        }
      }
      return view;
    };
    const envoy = mounted(ENVOY_CONFIG_DIR);
    const capture = mounted(CAPTURE_DIR);
    const ownEnvoy = filesOf(packaged, envoyFolder(app, version, zone));
    const ownCapture = filesOf(packaged, captureFolder(app, version));
    assert.ok(Object.keys(ownEnvoy).length >= 3 && Object.keys(ownCapture).length >= 2, "the folders hold files");
    assert.equal(Object.keys(envoy).sort(), Object.keys(ownEnvoy).sort(), `${d.metadata.name}: envoy file names`);
    for (const [name, content] of Object.entries(ownEnvoy)) assert.ok(envoy[name] === content, `${d.metadata.name}: ${name} is its own zone's and version's, byte-equal`);
    // The capture folder is the build's capture/ for this service: its own files under <service>/, the runtime beside them.
    const runtime = packaged.get(captureRuntimePath())!;
    assert.ok(runtime, "the build has a capture runtime");
    const ownView = { ...Object.fromEntries(Object.entries(ownCapture).map(([n, c]) => [`${app}/${n}`, c])), [CAPTURE_RUNTIME]: runtime };
    assert.equal(capture, ownView, `${d.metadata.name}: capture files`);
    const init = pod.spec.initContainers.find((c: Json) => c.name === "meshc-capture");
    assert.equal(init.command, ["sh", `${CAPTURE_DIR}/${app}/${CAPTURE_SCRIPT}`], `${d.metadata.name}: runs its own service's init.sh`);
    const proxy = pod.spec.initContainers.find((c: Json) => c.name === "meshc-proxy");
    assert.equal(proxy.args, envoyArgs("files", { service: app, version, namespace: service.namespace, zone }), `${d.metadata.name}: its own command line`);
    const loaded = effectiveSidecar(proxy.args, (podPath) => {
      const name = podPath.slice(ENVOY_CONFIG_DIR.length + 1);
      if (!podPath.startsWith(`${ENVOY_CONFIG_DIR}/`) || envoy[name] === undefined) throw new Error(`${d.metadata.name}: ${podPath} is not mounted`);
      return envoy[name]!;
    }, parse);
    const reference = JSON.parse(JSON.stringify(sidecarConfig(model, { drills }, { service, version, name: `${app}-${version}` }, zone)));
    assert.equal(loaded, { bootstrap: reference.bootstrap, lds: reference.lds, cds: reference.cds }, `${d.metadata.name}: Envoy loads its workload's config`);
  }
  return deployments.length;
}

test("the example: every Deployment mounts exactly its own (service, zone) config and runs as its own version", async () => {
  const model = await exampleModel();
  const count = checkEveryPod(model, ["inventory-slow"]);
  assert.is(count, 13 * 3, "one Deployment per workload and zone");
});

test("a generated 40-service mesh, drill on: every Deployment mounts exactly its own config", async () => {
  const dir = mkdtempSync(join(tmpdir(), "meshc-k8s-"));
  try {
    const generated = generateMesh({ services: 40, teams: 4, seed: 11 });
    writeMesh(dir, generated.files);
    const { model } = await compileModel(join(dir, generated.entry));
    const drills = model!.drills.map((d) => d.name);
    assert.ok(checkEveryPod(model!, drills) >= 80);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the test notices a swapped config: another zone's ConfigMap", async () => {
  const model = await exampleModel();
  const { packaged, files } = packagedBuild(model);
  const path = "kubernetes/cn-bj2-02/search.yaml";
  const otherZone = files.get("kubernetes/cn-bj2-03/search.yaml")!.match(/search-envoy-cn-bj2-03-[0-9a-f]+/)![0];
  const swapped = new Map(files).set(path, files.get(path)!.replace(/search-envoy-cn-bj2-02-[0-9a-f]+(?=\n)/, otherZone));
  assert.is.not(swapped.get(path), files.get(path), "the edit applies");
  assert.ok(packaged.size > 0);
  let caught = false;
  try {
    checkSwapped(model, swapped, packaged);
  } catch {
    caught = true;
  }
  assert.ok(caught, "a cn-bj2-02 pod mounting cn-bj2-03's config fails the check");
});

test("the test notices a command line of another version", async () => {
  const model = await exampleModel();
  const { packaged, files } = packagedBuild(model);
  const path = "kubernetes/cn-bj2-02/search.yaml";
  const text = files.get(path)!;
  const edited = text.replace("- search-v1.", "- search-v2.");
  assert.is.not(edited, text, "the edit applies");
  let caught = "";
  try {
    checkEveryPodOf(model, [], packaged, new Map(files).set(path, edited));
  } catch (error) {
    caught = (error as Error).message; // uvu's assert.throws re-throws assertion errors, so caught by hand
  }
  assert.match(caught, /search-v1-cn-bj2-02: its own command line/);
});

test("the test notices capture files placed as another service's, and a missing runtime", async () => {
  const model = await exampleModel();
  const { packaged, files } = packagedBuild(model);
  const path = "kubernetes/cn-bj2-02/search.yaml";
  const text = files.get(path)!;
  for (const [edited, why] of [
    [text.replaceAll("path: search/", "path: gateway/"), /search-v1-cn-bj2-02: capture files/],
    [text.replace(/\n\s+- configMap:\n\s+items:\n\s+- key: runtime\.sh\n\s+path: runtime\.sh\n\s+name: meshc-capture-runtime-[0-9a-f]+/, ""), /search-v1-cn-bj2-02: capture files/],
  ] as const) {
    assert.is.not(edited, text, "the edit applies");
    let caught = "";
    try {
      checkEveryPodOf(model, [], packaged, new Map(files).set(path, edited));
    } catch (error) {
      caught = (error as Error).message;
    }
    assert.match(caught, why);
  }
});

function checkSwapped(model: MeshModel, files: ReadonlyMap<string, string>, packaged: ReadonlyMap<string, string>): void {
  const all = objects(files);
  const configMaps = new Map(all.filter((o) => o.object.kind === "ConfigMap").map((o) => [o.object.metadata.name, o.object]));
  for (const { path, object: d } of all.filter((o) => o.object.kind === "Deployment")) {
    const zone = path.split("/")[1]!;
    const { app, version } = d.spec.template.metadata.labels;
    const volume = d.spec.template.spec.volumes.find((v: Json) => v.name === "meshc-envoy");
    assert.equal(configMaps.get(volume.configMap.name)!.data, filesOf(packaged, envoyFolder(app, version, zone)));
  }
  assert.ok(model.services.length > 0);
}

test.run();
