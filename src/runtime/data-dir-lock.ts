import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';

/** The data folder is held by another live process: starting would corrupt its files. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  readonly code = 'DATA_DIR_LOCKED';
}

/** The data folder cannot be created or written by this user. */
export class DataDirUnusableError extends Error {
  override name = 'DataDirUnusableError';
  readonly code = 'DATA_DIR_UNUSABLE';
}

/** A held data folder; `release` lets the next process take it. */
export interface DataDirLock {
  release(): Promise<void>;
}

const LOCK_FILE = 'novaevo.lock';
// Only for the message naming the holder: never read to decide whether the folder is taken.
const PID_FILE = 'novaevo.pid';
const SQLITE_BUSY = 5;

// node:sqlite warns once on load that it is experimental; that warning would reach every user's
// terminal on every start, so it alone is silenced while the module loads.
async function loadSqlite(): Promise<typeof import('node:sqlite')> {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    if (String(warning).includes('SQLite')) return;
    return (emitWarning as (...args: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return await import('node:sqlite');
  } catch (err) {
    throw new Error(`Node.js ${process.version} has no node:sqlite, which locks the data folder: use Node.js 22.13 or later`, { cause: err });
  } finally {
    process.emitWarning = emitWarning;
  }
}

function unusable(dataDir: string, err: unknown): DataDirUnusableError {
  const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return new DataDirUnusableError(
    `cannot write to the data folder ${dataDir} (${reason}); make it writable by this user or set NOVAEVO_DATA_DIR to another folder`,
    { cause: err },
  );
}

async function holderPid(dataDir: string): Promise<number | undefined> {
  const pid = Number((await readFile(path.join(dataDir, PID_FILE), 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Takes the data folder for this process. The embedded database allows one process at a time:
 * a second one on the same files would corrupt them, so it is refused with a clear message.
 *
 * The lock is an OS record lock (fcntl on Unix, LockFileEx on Windows) on `novaevo.lock`, taken
 * through SQLite's `BEGIN EXCLUSIVE` (node:sqlite ships with Node: no native addon to build) and
 * held on the open descriptor until `release` or the end of the process. The kernel drops it the
 * moment the holder exits — kill -9 included, and before a dead process is reaped (a zombie has
 * no open files) — so a stale lock cannot exist, and no pid is ever compared: a reused pid cannot
 * fool it. A pid file or an mtime lease (proper-lockfile) can be fooled by pid reuse, or makes a
 * restart after a crash wait for the lease, or loses the lock while the event loop is blocked.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (err) {
    throw unusable(dataDir, err);
  }
  const { DatabaseSync } = await loadSqlite();
  let db: DatabaseSync;
  try {
    // timeout 0: a held lock answers "busy" at once instead of waiting for it.
    db = new DatabaseSync(path.join(dataDir, LOCK_FILE), { timeout: 0 });
  } catch (err) {
    throw unusable(dataDir, err);
  }
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if ((err as { errcode?: number }).errcode !== SQLITE_BUSY) throw unusable(dataDir, err);
    const pid = await holderPid(dataDir);
    throw new DataDirLockedError(
      `another NovaEvo process${pid ? ` (pid ${pid})` : ''} is using ${dataDir}; stop it first, or set NOVAEVO_DATA_DIR to another folder`,
    );
  }
  try {
    await writeFile(path.join(dataDir, PID_FILE), `${process.pid}\n`);
  } catch (err) {
    db.close();
    throw unusable(dataDir, err);
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await rm(path.join(dataDir, PID_FILE), { force: true });
      // The lock file itself stays: deleting it would let a process that opened it just before
      // lock a file no longer in the folder while a third one locks a new one.
      db.close();
    },
  };
}
