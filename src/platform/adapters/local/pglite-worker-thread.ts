/**
 * The PGlite worker thread: owns the embedded database and runs what the main thread asks, so
 * that WASM query execution and result parsing never block HTTP. Transactions are explicit
 * (BEGIN … COMMIT) and hold the database: statements outside them wait until they end, as on
 * PGlite's single connection.
 */
import { parentPort } from 'node:worker_threads';
import { collectAllGarbage } from '../../memory/collect-all-garbage.ts';
import type { SqlDatabase, SqlExecutor } from '../../ports/sql.ts';
import { openPgliteDatabase } from './pglite-database.ts';
import { ERROR_FIELDS, type WorkerReply, type WorkerRequest } from './pglite-worker-protocol.ts';

const port = parentPort!;
const RELEASE_OPEN_MEMORY_AFTER_MS = 2000;
let db: SqlDatabase | undefined;
let nextTx = 1;
const open = new Map<number, { tx: SqlExecutor; finish: (commit: boolean) => void }>();

// Replies go as one message per turn of the event loop, and every batch received is answered,
// with an empty list when nothing finished yet: the main thread sends its next batch on it.
let replies: WorkerReply[] = [];
let flushing = false;
function flush(): void {
  flushing = false;
  const batch = replies;
  replies = [];
  try {
    port.postMessage(batch);
  } catch {
    // A value that cannot be cloned fails its own query only.
    for (const r of batch) {
      try {
        port.postMessage([r]);
      } catch (err) {
        port.postMessage([failure(r.id, err)]);
      }
    }
  }
}
function scheduleFlush(): void {
  if (flushing) return;
  flushing = true;
  setImmediate(flush);
}
function reply(message: WorkerReply): void {
  replies.push(message);
  scheduleFlush();
}

function failure(id: number, err: unknown): WorkerReply {
  const e = err as Error & Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const f of ERROR_FIELDS) if (e?.[f] !== undefined) fields[f] = e[f];
  return { id, ok: false, error: { name: e?.name ?? 'Error', message: e?.message ?? String(err), fields } };
}

const ROLLBACK = Symbol('rollback requested');
/** How each open transaction ends: resolves after COMMIT (or the rollback), rejects when COMMIT failed. */
const finished = new Map<number, Promise<void>>();

/** Opens a transaction that stays open until the main thread commits or rolls it back. */
async function begin(): Promise<number> {
  const txId = nextTx++;
  let finish!: (commit: boolean) => void;
  const decided = new Promise<boolean>((resolve) => (finish = resolve));
  let ready!: () => void;
  const opened = new Promise<void>((resolve) => (ready = resolve));
  const done = db!
    .transaction(async (tx) => {
      open.set(txId, { tx, finish });
      ready();
      if (!(await decided)) throw ROLLBACK;
    })
    .catch((err: unknown) => {
      if (err !== ROLLBACK) throw err;
    });
  done.catch(() => {}); // observed by commit; never an unhandled rejection
  finished.set(txId, done);
  await Promise.race([opened, done]);
  return txId;
}

async function handle(msg: WorkerRequest): Promise<WorkerReply> {
  switch (msg.op) {
    case 'open':
      db = await openPgliteDatabase(msg.dataDir, msg.migrations ? { migrations: msg.migrations } : {});
      // Opening grew this thread's heap (~8 MB of young generation resident for good): give it
      // back once the start's queries are done.
      setTimeout(collectAllGarbage, RELEASE_OPEN_MEMORY_AFTER_MS).unref();
      return { id: msg.id, ok: true };
    case 'query': {
      const target = msg.tx === undefined ? db! : open.get(msg.tx)?.tx;
      if (!target) throw new Error(`transaction ${msg.tx} is not open`);
      const res = await target.query(msg.text, msg.params);
      return { id: msg.id, ok: true, rows: res.rows, rowCount: res.rowCount };
    }
    case 'exec': {
      const target = msg.tx === undefined ? db! : open.get(msg.tx)?.tx;
      if (!target) throw new Error(`transaction ${msg.tx} is not open`);
      await target.exec(msg.script);
      return { id: msg.id, ok: true };
    }
    case 'begin':
      return { id: msg.id, ok: true, tx: await begin() };
    case 'commit':
    case 'rollback': {
      const entry = open.get(msg.tx);
      if (!entry) throw new Error(`transaction ${msg.tx} is not open`);
      open.delete(msg.tx);
      entry.finish(msg.op === 'commit');
      const done = finished.get(msg.tx);
      finished.delete(msg.tx);
      await done;
      return { id: msg.id, ok: true };
    }
    case 'close':
      await db?.close();
      db = undefined;
      return { id: msg.id, ok: true };
  }
}

port.on('message', (requests: WorkerRequest[]) => {
  scheduleFlush();
  for (const msg of requests) handle(msg).then(reply, (err: unknown) => reply(failure(msg.id, err)));
});
