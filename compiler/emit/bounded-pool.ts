// Runs an async task per item, a bounded number at a time. The writes of a build are file-system calls that
// libuv runs on its thread pool: issued one after another from the main thread (the synchronous calls) they
// use one core, issued several at once they keep the pool busy. On the first failure no new task starts, the
// running ones are waited for (so nothing still writes into a folder the caller is about to remove), and
// that first error is thrown.

/** How many file-system calls are in flight at once: libuv's pool has 4 threads unless UV_THREADPOOL_SIZE says otherwise. */
export const IN_FLIGHT = 16;

export async function forEachBounded<T>(items: readonly T[], task: (item: T) => Promise<void>, limit = IN_FLIGHT): Promise<void> {
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.min(limit, items.length); i++) workers.push(worker());
  await Promise.all(workers);
  if (failure) throw failure.error;
}
