// Where a connection landed, as the stubs report it, checked with a message that names the connection.
import * as assert from "uvu/assert";
import type { Outcome } from "./pod-network";

/** The connection was answered by stub `name` on `port`, with the given original destination when given. */
export function landed(o: Outcome, name: string, port: number, original?: [string, number]): void {
  assert.ok(o.reply, `${o.target}: no reply (${o.error})`);
  assert.is(`${o.reply!.name}:${o.reply!.port}`, `${name}:${port}`, `${o.target} landed on ${o.reply!.name}:${o.reply!.port}`);
  if (original) assert.equal(o.reply!.original, original, `${o.target}: original destination`);
}
