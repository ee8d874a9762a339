/**
 * What a Lambda instance opens once and reuses across invocations (database pool, adapters,
 * the module): `open` runs at the first call, and again at the next call after it failed, so
 * an outage at a cold start does not poison the instance.
 */
export function reusedPerInstance<T>(open: () => Promise<T>): () => Promise<T> {
  let opened: Promise<T> | undefined;
  return () => {
    opened ??= open().catch((err: unknown) => {
      opened = undefined;
      throw err;
    });
    return opened;
  };
}
