// What one Envoy sidecar loads, from what its pod has: the files mounted at ENVOY_CONFIG_DIR and its command
// line. Envoy (source/server/server.cc, local_info_impl.h) reads the bootstrap named by `-c`, merges the
// `--config-yaml` Bootstrap into it (protobuf MergeFrom, proto-merge.ts), then sets node.locality.zone,
// node.cluster and node.id from --service-zone, --service-cluster and --service-node when they are given;
// the file-delivery bootstrap then names its LDS and CDS files (path_config_source). Read back from YAML text,
// never from the target's objects, so the test sees the shipped bytes.
import { CORE_SCHEMA, load } from "js-yaml";
import { envoyProtos } from "../../compiler/validate/envoy";
import type * as protobuf from "protobufjs";
import { mergeMessage } from "./proto-merge";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

/** YAML 1.2's core schema, as the `yaml` package reads it; js-yaml because it reads meshc's output ~15× faster. */
export function parseYaml(text: string): Json {
  return load(text, { schema: CORE_SCHEMA });
}

export interface EnvoyCommandLine {
  readonly configPath: string;
  readonly configYaml?: string;
  readonly serviceNode?: string;
  readonly serviceCluster?: string;
  readonly serviceZone?: string;
}

/** Every flag whose value this reads; the ones that do not change the config are skipped with their value. */
const VALUE_FLAGS: Record<string, keyof EnvoyCommandLine | null> = {
  "-c": "configPath",
  "--config-path": "configPath",
  "--config-yaml": "configYaml",
  "--service-node": "serviceNode",
  "--service-cluster": "serviceCluster",
  "--service-zone": "serviceZone",
  "-l": null,
  "--log-level": null,
  "--drain-strategy": null,
};

export function parseEnvoyArgs(args: readonly string[]): EnvoyCommandLine {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i]!;
    if (!(flag in VALUE_FLAGS)) throw new Error(`an Envoy flag this model does not know: ${flag}`);
    const value = args[i + 1];
    if (value === undefined) throw new Error(`${flag} has no value`);
    const key = VALUE_FLAGS[flag];
    if (key) {
      if (key in out) throw new Error(`${flag} given twice`);
      out[key] = value;
    }
  }
  if (!out.configPath) throw new Error("no -c: Envoy would have no bootstrap file");
  return out as unknown as EnvoyCommandLine;
}

let bootstrapType: protobuf.Type | undefined;
function bootstrapMessage(): protobuf.Type {
  return (bootstrapType ??= envoyProtos().root.lookupType("envoy.config.bootstrap.v3.Bootstrap"));
}

/** The bootstrap Envoy runs with: the file, then --config-yaml merged in, then the --service-* overrides. */
export function effectiveBootstrap(file: Json, cli: EnvoyCommandLine): Json {
  let bootstrap = JSON.parse(JSON.stringify(file));
  if (cli.configYaml !== undefined) bootstrap = mergeMessage(bootstrapMessage(), bootstrap, parseYaml(cli.configYaml));
  if (cli.serviceZone || cli.serviceCluster || cli.serviceNode) {
    const node = { ...(bootstrap.node ?? {}) };
    if (cli.serviceZone) node.locality = { ...(node.locality ?? {}), zone: cli.serviceZone };
    if (cli.serviceCluster) node.cluster = cli.serviceCluster;
    if (cli.serviceNode) node.id = cli.serviceNode;
    bootstrap.node = node;
  }
  return bootstrap;
}

export interface EffectiveSidecar {
  readonly bootstrap: Json;
  /** The LDS and CDS files the bootstrap names, parsed; absent when it takes them from a server (xDS). */
  readonly lds?: Json;
  readonly cds?: Json;
}

/**
 * One sidecar, as Envoy would load it. `readPodFile` gives the text at a path inside the pod (its mounted
 * folder); a path it cannot give throws, as Envoy would fail to start. `parse` may memoize (the versions
 * of a service share their files): nothing here changes what it returns.
 */
export function effectiveSidecar(args: readonly string[], readPodFile: (podPath: string) => string, parse: (text: string) => Json = parseYaml): EffectiveSidecar {
  const cli = parseEnvoyArgs(args);
  const bootstrap = effectiveBootstrap(parse(readPodFile(cli.configPath)), cli);
  const fileOf = (source: Json) => source?.path_config_source?.path ?? source?.path;
  const lds = fileOf(bootstrap.dynamic_resources?.lds_config);
  const cds = fileOf(bootstrap.dynamic_resources?.cds_config);
  return {
    bootstrap,
    ...(lds ? { lds: parse(readPodFile(lds)) } : {}),
    ...(cds ? { cds: parse(readPodFile(cds)) } : {}),
  };
}
