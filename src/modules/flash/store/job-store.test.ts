import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDatabase } from '../../../platform/adapters/local/pglite-database.ts';
import { migrate } from '../../../platform/migrations.ts';
import type { SqlDatabase } from '../../../platform/ports/sql.ts';
import { newJobState } from '../job/job-state.ts';
import { flashMigrations } from '../migrations.ts';
import { JobStore } from './job-store.ts';

describe('JobStore revisions', () => {
  let db: SqlDatabase;
  const jobs = new JobStore();
  const id = '01a23000-0000-7000-8000-000000000001';
  const now = new Date('2026-05-01T08:00:00Z');
  const state = newJobState({ vin: 'VF1RFB00X56123456', packageSha256: 'a'.repeat(64) }, now);

  beforeAll(async () => {
    db = await openPgliteDatabase();
    await migrate(db, flashMigrations);
    await db.query(
      `INSERT INTO flash_firmwares (id, format, sha256, size, crc32, segments, make, ecu_hardware, from_software, to_software, notes, blob_key, manifest, signature, uploaded_by, created_at)
       VALUES ($1, 'ihex', $2, 1, 0, '[]', 'Renault', '[]', '[]', '1.2', '', 'k', '{}', 's', $1, $3)`,
      [id, 'a'.repeat(64), now],
    );
    await jobs.insert(db, { id, orgId: null, userId: id, firmwareId: id, vin: state.vin, ecuHardware: 'h', ecuSoftware: '1.1', status: state.status, state, createdAt: now });
  });
  afterAll(() => db.close());

  it('writes without a lock only on the revision read, and never across a status change', async () => {
    const read = (await jobs.get(db, id))!;
    expect(read.revision).toBe(0);
    const progressed = { ...state, progress: { step: 'precheck' } };
    expect(await jobs.saveAt(db, id, read.revision, progressed, now)).toBe(true);
    // A second writer that read the same revision loses: it must take the locked path.
    expect(await jobs.saveAt(db, id, read.revision, { ...state, progress: { step: 'other' } }, now)).toBe(false);
    expect((await jobs.get(db, id))!).toMatchObject({ revision: 1, state: { progress: { step: 'precheck' } } });
    // A locked save counts a revision too, so a write prepared before it fails.
    await db.transaction(async (tx) => {
      await jobs.get(tx, id, true);
      expect(await jobs.save(tx, id, { ...state, status: 'awaiting_backup' }, true, now)).toEqual({ version: 1, revision: 2 });
    });
    expect(await jobs.saveAt(db, id, 1, progressed, now)).toBe(false);
    // The status guard: a write of another status than the row's is refused even on its revision.
    expect(await jobs.saveAt(db, id, 2, { ...state, status: 'awaiting_precheck' }, now)).toBe(false);
    expect((await jobs.get(db, id))!).toMatchObject({ status: 'awaiting_backup', version: 1, revision: 2 });
  });
});
