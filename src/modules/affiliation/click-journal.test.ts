import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../platform/logger.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import { ClickJournal } from './click-journal.ts';
import { ClickRecorder, type ClickRecord } from './click-recorder.ts';

const DEAD_PID = 2 ** 22 + 12_345; // above Linux's pid_max default: never a live process
const click = (n: number): ClickRecord => ({
  id: `0190a0a0-0000-7000-8000-${String(n).padStart(12, '0')}`,
  linkId: 'l',
  partnerId: 'p',
  orgId: null,
  at: '2026-01-01T00:00:00.000Z',
  day: '2026-01-01',
  ipHash: 'h',
  uaClass: 'mobile',
  referrerHost: null,
  bot: null,
});

/** A database that keeps the click ids it was asked to insert, and can be told to fail. */
function fakeDb() {
  const ids = new Set<string>();
  const db = {
    failing: false,
    ids,
    async query(_sql: string, params: unknown[] = []) {
      if (db.failing) throw new Error('database down');
      for (let i = 0; i < params.length; i += 10) ids.add(params[i] as string);
      return { rows: [], rowCount: 0 };
    },
  };
  return db;
}

describe('the click journal and recorder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'affiliation-journal-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const recorder = (db: ReturnType<typeof fakeDb>, journal = new ClickJournal(dir)) =>
    new ClickRecorder({ db: db as unknown as SqlDatabase, journal, batch: 2, flushMs: 60_000, logger: silentLogger() });

  it.each(['fsync', 'write'] as const)('has a click in the journal file when record resolves, before any SQL (%s)', async (sync) => {
    const db = fakeDb();
    const r = recorder(db, new ClickJournal(dir, { sync }));
    await Promise.all([1, 2, 3].map((n) => r.record(click(n))));
    const [file] = await readdir(dir);
    const lines = (await readFile(path.join(dir, file!), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).id)).toEqual([1, 2, 3].map((n) => click(n).id));
    expect(db.ids.size).toBe(0);
    await r.close();
    expect(db.ids.size).toBe(3);
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps a segment whose insert failed and writes it at the next flush', async () => {
    const db = fakeDb();
    const r = recorder(db);
    await r.record(click(1));
    db.failing = true;
    await expect(r.flush()).rejects.toThrow('database down');
    expect(await readdir(dir)).toHaveLength(1);
    await r.record(click(2));
    db.failing = false;
    await r.flush();
    expect([...db.ids].sort()).toEqual([click(1).id, click(2).id]);
    expect(await readdir(dir)).toEqual([]);
    await r.close();
  });

  it("replays a dead process's segments, skipping a torn last line, and leaves live ones alone", async () => {
    const crashed = new ClickJournal(dir, { sync: 'fsync', pid: DEAD_PID });
    await crashed.append(click(1));
    await crashed.append(click(2)); // the process dies here, without closing
    const [file] = await readdir(dir);
    await writeFile(path.join(dir, file!), '{"id":"torn', { flag: 'a' });
    const neighbour = new ClickJournal(dir, { sync: 'write', pid: process.ppid });
    await neighbour.append(click(9));

    const db = fakeDb();
    const r = recorder(db);
    expect(await r.recover()).toBe(2);
    expect([...db.ids].sort()).toEqual([click(1).id, click(2).id]);
    expect(await readdir(dir)).toHaveLength(1); // the live neighbour's segment
    await r.close();
    await neighbour.close();
  });
});
