import { Worker } from 'node:worker_threads';
import type { Migration } from '../../migrations.ts';
import type { QueryResult, SqlDatabase, SqlExecutor } from '../../ports/sql.ts';
import type { WorkerReply, WorkerRequest } from './pglite-worker-protocol.ts';

type Call = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * Embedded PostgreSQL (PGlite) in a worker thread: the same database as `openPgliteDatabase`,
 * but WASM query execution and result parsing (half of an authorised read's CPU when PGlite ran
 * on the main thread) happen off the event loop that serves HTTP. Rows cross the thread
 * boundary by structured clone (Dates stay Dates). Errors keep PostgreSQL's fields (SQLSTATE,
 * constraint), so callers cannot tell the adapters apart.
 */
export async function openPgliteWorkerDatabase(dataDir?: string, options: { migrations?: readonly Migration[] } = {}): Promise<SqlDatabase> {
  const open = { op: 'open', dataDir, migrations: options.migrations ? options.migrations.map((m) => ({ id: m.id, sql: m.sql })) : undefined } as const;
  const thread = startWorker();
  try {
    await thread.call(open);
  } catch (err) {
    await thread.terminate();
    throw err;
  }
  const { call } = thread;
  const executor = (tx: number | undefined): SqlExecutor => ({
    async query<T extends object>(text: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await call({ op: 'query', tx, text, params });
      return { rows: (r.rows ?? []) as T[], rowCount: r.rowCount ?? 0 };
    },
    async exec(script: string): Promise<void> {
      await call({ op: 'exec', tx, script });
    },
  });
  return {
    kind: 'pglite',
    ...executor(undefined),
    async transaction(fn) {
      const { tx } = await call({ op: 'begin' });
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        result = await fn(executor(tx));
      } catch (err) {
        await call({ op: 'rollback', tx: tx! }).catch(() => {});
        throw err;
      }
      await call({ op: 'commit', tx: tx! });
      return result;
    },
    close: () => thread.close(),
  };
}

/** A PGlite worker thread and the calls to it (each answered by id). */
function startWorker() {
  const worker = new Worker(new URL('./pglite-worker-thread.ts', import.meta.url));
  const pending = new Map<number, { resolve: (r: WorkerReply & { ok: true }) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let dead: Error | undefined;

  const failAll = (err: Error) => {
    dead ??= err;
    for (const w of pending.values()) w.reject(err);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the PGlite worker exited (code ${code})`)));

  // One batch in flight at a time: what is asked meanwhile waits for the worker's next message
  // (it answers every batch, with an empty list when nothing finished yet) and goes as one. Under
  // load that makes batches as large as the worker is slow, for no added wait: the worker runs
  // one statement at a time anyway.
  let queued: WorkerRequest[] = [];
  let inFlight = false;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (inFlight || queued.length === 0 || dead) return;
    const requests = queued;
    queued = [];
    inFlight = true;
    try {
      worker.postMessage(requests);
    } catch {
      // A value that cannot be cloned fails its own call only.
      inFlight = false;
      for (const request of requests) {
        try {
          worker.postMessage([request]);
          inFlight = true;
        } catch (err) {
          pending.get(request.id)?.reject(err as Error);
          pending.delete(request.id);
        }
      }
    }
  };
  const scheduleFlush = () => {
    if (scheduled || inFlight || queued.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  };
  const send = (request: WorkerRequest) => {
    queued.push(request);
    scheduleFlush();
  };
  worker.on('message', (replies: WorkerReply[]) => {
    inFlight = false;
    scheduleFlush();
    for (const reply of replies) {
      const waiter = pending.get(reply.id);
      if (!waiter) continue;
      pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply);
      else waiter.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }, reply.error.fields));
    }
  });
  const call = (request: Call): Promise<WorkerReply & { ok: true }> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      send({ ...request, id } as WorkerRequest);
    });
  };

  return {
    call,
    terminate: () => worker.terminate(),
    async close() {
      if (!dead) await call({ op: 'close' }).catch(() => {});
      await worker.terminate();
    },
  };
}
