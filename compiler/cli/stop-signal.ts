// What ends the long-running commands (`meshc serve`, `meshc build --watch`): Ctrl-C (SIGINT) at a terminal,
// and SIGTERM, which is what Kubernetes sends a container when its pod is deleted or rolled
// (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination). Node's default for
// either is to die at once: a server's ADS streams then end as broken connections instead of closed ones,
// and esbuild's service process loses its parent mid-conversation. So both are caught once, the command
// closes what it opened, and exits 0; a second signal gets Node's default again (a stuck close can be killed).
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM"];

export interface StopSignal {
  /** Resolves with the first stop signal the process receives. */
  readonly received: Promise<NodeJS.Signals>;
  /** Stops listening (the command ended on its own), giving the signals their default again. */
  release(): void;
}

export function stopSignal(): StopSignal {
  let stop: (signal: NodeJS.Signals) => void = () => {};
  const release = () => {
    for (const s of STOP_SIGNALS) process.off(s, stop);
  };
  const received = new Promise<NodeJS.Signals>((resolve) => {
    stop = (signal) => {
      release();
      resolve(signal);
    };
  });
  for (const s of STOP_SIGNALS) process.on(s, stop);
  return { received, release };
}
