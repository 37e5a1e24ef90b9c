// Container images become `image:` fields of Kubernetes pod specs: a reference the container runtime cannot
// parse leaves the pod in InvalidImageName. The grammar is the distribution project's reference grammar
// (github.com/distribution/reference, regexp.go): `[domain[:port]/]path[:tag][@digest]`, path components in
// lower case, at most 255 characters for the name.
import { child } from "../diagnostics/model-path";
import { shown } from "../diagnostics/shown";
import type { MeshModel, ServiceModel } from "../model";
import type { Check } from "./check";
import { finding } from "./finding";
import { servicePath } from "./paths";

const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const NAME = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*$`);
const MAX_NAME = 255;
/** Checked before any regex runs, so a 100 KB value costs nothing. */
const MAX_REFERENCE = MAX_NAME + 1 + 128 + 1 + 200;

/** Why `image` is not an image reference, or null. */
export function imageProblem(image: string): string | null {
  if (image.length === 0) return "it is empty";
  if (image.length > MAX_REFERENCE) return `it is ${image.length} characters long`;
  const at = image.indexOf("@");
  const digest = at >= 0 ? image.slice(at + 1) : null;
  const rest = at >= 0 ? image.slice(0, at) : image;
  // A tag follows the last ':' after the last '/'; an earlier ':' is a registry's port.
  const colon = rest.lastIndexOf(":");
  const tagged = colon > rest.lastIndexOf("/") && !rest.endsWith("]");
  const name = tagged ? rest.slice(0, colon) : rest;
  if (tagged && !TAG.test(rest.slice(colon + 1))) return "its tag may hold only letters, digits, '_', '.' and '-' (at most 128, not starting with '.' or '-')";
  if (digest !== null && !DIGEST.test(digest)) return "its digest is not algorithm:hex";
  if (!NAME.test(name)) return "it is not [registry/]repository[:tag][@digest] with a lower-case repository";
  if (name.length > MAX_NAME) return `its name is ${name.length} characters long (at most ${MAX_NAME})`;
  return null;
}

function service(s: ServiceModel) {
  // One finding per service: every version's image comes from the same `image` template.
  for (const v of s.versions) {
    const image = Object.hasOwn(s.images, v) ? s.images[v] : undefined;
    const problem = image === undefined ? null : imageProblem(image);
    if (problem) return [finding("MESH118", child(servicePath(s.name), "image"), `the image ${shown(image!)} (version '${v}') is not a container image reference: ${problem}.`)];
  }
  return [];
}

export const imageChecks: Check = { name: "images", run: (mesh: MeshModel) => mesh.services.flatMap(service) };
