import { randomBytes } from 'node:crypto';
import { closeSync, fdatasync, openSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * When an append resolves: `fsync` once its line is on the disk (survives a power cut), `write`
 * once it is in the kernel's page cache (survives the process being killed; the disk follows
 * within one sync, which runs after every group either way).
 */
export type JournalSync = 'fsync' | 'write';

const datasync = promisify(fdatasync);

/**
 * One journal file. Lines appended in the same tick are written together by one `write` (a
 * blocking call into the page cache, some microseconds: cheaper than a hop through libuv's thread
 * pool, which a busy machine makes slow) and synced by one `fdatasync` (group commit): a burst of
 * a thousand redirects costs a handful of syncs, not a thousand.
 */
class Segment {
  readonly #fd: number;
  #queue: { line: string; done: () => void; failed: (err: unknown) => void }[] = [];
  #writing: Promise<void> | undefined;
  #syncing: Promise<void> | undefined;
  #syncAgain = false;

  constructor(
    readonly file: string,
    private readonly sync: JournalSync,
  ) {
    this.#fd = openSync(file, 'a', 0o600);
  }

  append(line: string): Promise<void> {
    return new Promise((done, failed) => {
      this.#queue.push({ line, done, failed });
      this.#writing ??= this.#drain();
    });
  }

  async #drain(): Promise<void> {
    // Let the current tick's appends join this group before writing.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.#queue.length > 0) {
      const group = this.#queue;
      this.#queue = [];
      try {
        writeSync(this.#fd, group.map((g) => g.line).join(''));
        if (this.sync === 'fsync') await datasync(this.#fd);
        else this.#syncSoon(); // off the answer's path: the next group is written meanwhile
        for (const g of group) g.done();
      } catch (err) {
        for (const g of group) g.failed(err);
      }
    }
    this.#writing = undefined;
  }

  /** One background sync at a time; writes made during it are covered by one more. */
  #syncSoon(): void {
    if (this.#syncing) {
      this.#syncAgain = true;
      return;
    }
    this.#syncing = (async () => {
      do {
        this.#syncAgain = false;
        await datasync(this.#fd);
      } while (this.#syncAgain);
    })()
      .catch(() => {}) // a failed background sync: the next one, or close(), syncs again
      .finally(() => {
        this.#syncing = undefined;
      });
  }

  /** Waits for every append to be written and synced, then closes the file. */
  async close(): Promise<void> {
    while (this.#writing) await this.#writing;
    while (this.#syncing) await this.#syncing;
    await datasync(this.#fd);
    closeSync(this.#fd);
  }
}

const SEGMENT = /^clicks-(\d+)-([0-9a-f]+)-(\d+)\.jsonl$/;

/**
 * The clicks' write-ahead journal: an append-only JSON-lines file per segment in the module's
 * own folder. Segments are named by process id, so a process replays only the segments of dead
 * processes (and of its own earlier lives), never a live neighbour's. `rotate` closes the
 * current segment and starts a new one: once a closed segment's clicks are committed in SQL it
 * is deleted.
 */
export class ClickJournal {
  #seq = 0;
  #current: Segment | undefined;
  readonly #instance: string;
  private readonly pid: number;

  constructor(
    private readonly dir: string,
    private readonly options: { sync: JournalSync; pid?: number } = { sync: 'fsync' },
  ) {
    this.pid = options.pid ?? process.pid;
    // Tells this process's segments from those of an earlier process that had the same pid.
    this.#instance = randomBytes(4).toString('hex');
  }

  /** Appends one record; resolves once it is on disk. */
  append(record: unknown): Promise<void> {
    this.#current ??= new Segment(path.join(this.dir, `clicks-${this.pid}-${this.#instance}-${++this.#seq}.jsonl`), this.options.sync);
    return this.#current.append(`${JSON.stringify(record)}\n`);
  }

  /** Closes the current segment (waiting for its appends) and returns its path; later appends start a new one. */
  async rotate(): Promise<string | undefined> {
    const segment = this.#current;
    this.#current = undefined;
    if (!segment) return undefined;
    await segment.close();
    return segment.file;
  }

  /**
   * The segments left by processes that are gone (a crash, or a stop that could not reach the
   * database), with their records. A torn last line (the process died mid-write, before the
   * sync, so that click was never answered) is skipped.
   */
  async orphans(isAlive: (pid: number) => boolean = processAlive): Promise<{ file: string; records: unknown[] }[]> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const found: { file: string; records: unknown[] }[] = [];
    for (const name of (await readdir(this.dir)).sort()) {
      const m = SEGMENT.exec(name);
      if (!m) continue;
      const mine = Number(m[1]) === this.pid && m[2] === this.#instance;
      if (mine || (Number(m[1]) !== this.pid && isAlive(Number(m[1])))) continue;
      const file = path.join(this.dir, name);
      const records: unknown[] = [];
      for (const line of (await readFile(file, 'utf8')).split('\n')) {
        if (line === '') continue;
        try {
          records.push(JSON.parse(line));
        } catch {
          /* torn tail: never acknowledged */
        }
      }
      found.push({ file, records });
    }
    return found;
  }

  /** Deletes a segment whose records are committed. */
  async discard(file: string): Promise<void> {
    await unlink(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  /** Closes the current segment (its appends made durable). */
  async close(): Promise<void> {
    await this.#current?.close();
    this.#current = undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
