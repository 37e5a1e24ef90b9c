// With TLS, a node is who its client certificate says: certificates made here (openssl) with SPIFFE URI SANs,
// signed by a test root. The gateway's certificate gets the gateway's config; the same certificate claiming
// orders gets nothing (PERMISSION_DENIED), and a client without a certificate cannot even connect.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { CLUSTER_TYPE, serveXds, staticEndpoints, type XdsServe } from "../../compiler/api";
import { adsClient, node, openStream } from "./ads-client";

const dir = mkdtempSync(join(tmpdir(), "meshc-serve-tls-"));
const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
const ZONE = "cn-bj2-02";
let serve: XdsServe;
const log: string[] = [];

function certificate(name: string, san: string): { cert: Buffer; key: Buffer } {
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
  ssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/O=meshc-test/CN=${name}`);
  ssl("x509", "-req", "-in", `${name}.csr`, "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial", "-days", "1", "-out", `${name}.pem`, "-extfile", `${name}.ext`);
  return { cert: readFileSync(join(dir, `${name}.pem`)), key: readFileSync(join(dir, `${name}.key`)) };
}

test.before(async () => {
  ssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "root.key", "-out", "root.pem", "-days", "1", "-subj", "/O=meshc-test/CN=root");
  const server = certificate("server", "DNS:localhost,IP:::1,URI:spiffe://cluster.local/ns/meshc-system/sa/meshc-xds");
  const ca = readFileSync(join(dir, "root.pem"));
  const started = await serveXds({
    entry: resolve(__dirname, "../../examples/uaek/mesh.ts"), zone: ZONE, listen: "[::1]:0", checker: "none", watch: false,
    endpoints: staticEndpoints({}), tls: { ...server, ca }, log: (l) => log.push(l),
  });
  if (!started.ok) throw new Error(started.reason);
  serve = started.server;
});

test.after(async () => {
  await serve.close();
  rmSync(dir, { recursive: true, force: true });
});

test("with certificates required, a mesh with a service without mTLS does not start: MESH050 at that service, not sidecars refused one by one", async () => {
  const server = { cert: readFileSync(join(dir, "server.pem")), key: readFileSync(join(dir, "server.key")), ca: readFileSync(join(dir, "root.pem")) };
  const entry = resolve(__dirname, "../fixtures/invalid/MESH050-xds-mixed-mtls/mesh.ts");
  const started = await serveXds({ entry, zone: "zone-a", listen: "[::1]:0", checker: "none", watch: false, endpoints: staticEndpoints({}), tls: server, log: () => {} });
  if (started.ok) await started.server.close();
  assert.not.ok(started.ok);
  if (started.ok) return;
  assert.equal(started.result.diagnostics.map((d) => d.code), ["MESH050"]);
  // Without --tls-dir (development: every node plaintext, trusted by its claim) the same mesh is served.
  const plaintext = await serveXds({ entry, zone: "zone-a", listen: "[::1]:0", checker: "none", watch: false, endpoints: staticEndpoints({}), log: () => {} });
  assert.ok(plaintext.ok);
  if (plaintext.ok) await plaintext.server.close();
});

function clientWith(cert: { cert: Buffer; key: Buffer } | null) {
  const ca = readFileSync(join(dir, "root.pem"));
  const creds = cert ? grpc.credentials.createSsl(ca, cert.key, cert.cert) : grpc.credentials.createSsl(ca);
  return adsClient(serve.port, creds, { "grpc.ssl_target_name_override": "localhost" });
}

test("the certificate proves the claim: the gateway gets its clusters", async () => {
  const client = clientWith(certificate("gateway", "URI:spiffe://cluster.local/ns/edge/sa/gateway"));
  const s = openStream(client, "StreamAggregatedResources");
  s.send({ node: node("gateway", "v1", "edge", ZONE), type_url: CLUSTER_TYPE });
  const answer = await s.next();
  assert.not.instance(answer, Error);
  assert.ok(answer.resources.length > 0);
  s.close();
  client.close();
});

test("a claim the certificate does not prove gets nothing", async () => {
  const client = clientWith(certificate("gateway2", "URI:spiffe://cluster.local/ns/edge/sa/gateway"));
  const s = openStream(client, "StreamAggregatedResources");
  s.send({ node: node("orders", "v1", "shop", ZONE), type_url: CLUSTER_TYPE });
  const answer = await s.next();
  assert.instance(answer, Error);
  assert.is(answer.code, grpc.status.PERMISSION_DENIED);
  assert.ok(log.some((l) => l.includes("claims orders, but its certificate proves spiffe://cluster.local/ns/edge/sa/gateway")), log.join("\n"));
  client.close();
});

test("a client without a certificate is not served", async () => {
  const client = clientWith(null);
  const s = openStream(client, "StreamAggregatedResources");
  s.send({ node: node("gateway", "v1", "edge", ZONE), type_url: CLUSTER_TYPE });
  const answer = await s.next();
  assert.instance(answer, Error);
  client.close();
});

test.run();
