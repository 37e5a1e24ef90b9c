// `meshc build --delivery xds --xds-image <image> [--xds-entry <path>]`: how the sidecars get their config
// (docs/sidecar-layout.md "Delivery modes"), and for xDS, what runs each zone's `meshc serve` (docs/serve.md
// "In a cluster"). The image is a build option, not policy: it holds the policy, so the policy cannot name it.
import { basename } from "node:path";
import { Option } from "commander";
import type { BuildOptions } from "../build";

/** Where the server's image holds the policy folder, unless --xds-entry says otherwise. */
export const XDS_POLICY_DIR = "/etc/meshc/policy";

export interface DeliveryFlags {
  readonly delivery: "files" | "xds";
  readonly xdsImage?: string;
  readonly xdsEntry?: string;
}

export function deliveryOptions(): Option[] {
  return [
    new Option("--delivery <mode>", "how sidecars get their config: files in their ConfigMaps, or xDS from each zone's meshc serve").choices(["files", "xds"]).default("files"),
    new Option("--xds-image <image>", "with --delivery xds: the image of meshc serve, holding meshc and the policy folder"),
    new Option("--xds-entry <path>", `with --delivery xds: the entry's path in that image (default: ${XDS_POLICY_DIR}/<the entry's file name>)`),
  ];
}

/** The build options of the flags, or the usage error they make. */
export function deliveryBuildOptions(flags: DeliveryFlags, entry: string): Pick<BuildOptions, "delivery" | "xdsServer"> | { readonly usage: string } {
  if (flags.delivery === "files") {
    if (flags.xdsImage !== undefined || flags.xdsEntry !== undefined) return { usage: "--xds-image and --xds-entry go with --delivery xds" };
    return { delivery: "files" };
  }
  if (!flags.xdsImage) return { usage: "--delivery xds needs --xds-image: the image that runs each zone's meshc serve (docs/serve.md)" };
  return { delivery: "xds", xdsServer: { image: flags.xdsImage, entry: flags.xdsEntry ?? `${XDS_POLICY_DIR}/${basename(entry)}` } };
}
