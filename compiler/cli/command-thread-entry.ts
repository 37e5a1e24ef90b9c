// The thread of command-thread.ts: runs the command and sends back what it writes, in order, then its status.
// Output goes through the port rather than the thread's own process.stdout, which Node forwards asynchronously
// and may cut short when the thread ends; messages are delivered before the thread's exit is.
import { parentPort, workerData } from "node:worker_threads";
import type { ThreadMessage } from "./command-thread";
import { main } from "./main";

if (parentPort) {
  const port = parentPort;
  const send = (m: ThreadMessage) => port.postMessage(m);
  void main((workerData as { argv: string[] }).argv, { out: (t) => void send({ out: t }), err: (t) => void send({ err: t }) }).then((status) => send({ status }));
}
