import type { SqlExecutor } from '../../../platform/ports/sql.ts';
import type { FlashJobState, FlashJobStatus } from '../job/job-state.ts';

/** A flash job as stored. */
export interface JobRecord {
  id: string;
  orgId: string | null;
  userId: string;
  firmwareId: string;
  vin: string;
  ecuHardware: string;
  ecuSoftware: string;
  status: FlashJobStatus;
  state: FlashJobState;
  /** Status changes so far. */
  version: number;
  /** Saves so far. */
  revision: number;
  /** The workflow's pending task token and the version it waits at. */
  wfToken: string | null;
  wfVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
}

interface JobRow {
  id: string;
  org_id: string | null;
  user_id: string;
  firmware_id: string;
  vin: string;
  ecu_hardware: string;
  ecu_software: string;
  status: FlashJobStatus;
  state: FlashJobState;
  version: number;
  revision: number;
  wf_token: string | null;
  wf_version: number | null;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (r: JobRow): JobRecord => ({
  id: r.id, orgId: r.org_id, userId: r.user_id, firmwareId: r.firmware_id, vin: r.vin, ecuHardware: r.ecu_hardware, ecuSoftware: r.ecu_software,
  status: r.status, state: r.state, version: Number(r.version), revision: Number(r.revision), wfToken: r.wf_token, wfVersion: r.wf_version === null ? null : Number(r.wf_version),
  createdAt: r.created_at, updatedAt: r.updated_at,
});

/** The jobs table. */
export class JobStore {
  async insert(tx: SqlExecutor, j: Omit<JobRecord, 'version' | 'revision' | 'wfToken' | 'wfVersion' | 'updatedAt'>): Promise<void> {
    await tx.query(
      `INSERT INTO flash_jobs (id, org_id, user_id, firmware_id, vin, ecu_hardware, ecu_software, status, state, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $10)`,
      [j.id, j.orgId, j.userId, j.firmwareId, j.vin, j.ecuHardware, j.ecuSoftware, j.status, JSON.stringify(j.state), j.createdAt],
    );
  }

  /** The job, locked for the rest of the transaction when `forUpdate`. */
  async get(db: SqlExecutor, id: string, forUpdate = false): Promise<JobRecord | undefined> {
    const row = (await db.query<JobRow>(`SELECT * FROM flash_jobs WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id])).rows[0];
    return row && toRecord(row);
  }

  /** Saves a new state (on the row the caller locked); `moved` (a status change) counts one more version. */
  async save(tx: SqlExecutor, id: string, state: FlashJobState, moved: boolean, now: Date): Promise<{ version: number; revision: number }> {
    const res = await tx.query<{ version: number; revision: number }>(
      'UPDATE flash_jobs SET state = $2::jsonb, status = $3, version = version + $4, revision = revision + 1, updated_at = $5 WHERE id = $1 RETURNING version, revision',
      [id, JSON.stringify(state), state.status, moved ? 1 : 0, now],
    );
    return { version: Number(res.rows[0]!.version), revision: Number(res.rows[0]!.revision) };
  }

  /** Saves a state of the same status without a lock, only if the job is still at `revision`; false when it moved meanwhile. */
  async saveAt(db: SqlExecutor, id: string, revision: number, state: FlashJobState, now: Date): Promise<boolean> {
    const res = await db.query(
      'UPDATE flash_jobs SET state = $3::jsonb, revision = revision + 1, updated_at = $4 WHERE id = $1 AND revision = $2 AND status = $5',
      [id, revision, JSON.stringify(state), now, state.status],
    );
    return res.rowCount === 1;
  }

  /** Records the workflow's pending token; returns the job as it now stands. */
  async setToken(db: SqlExecutor, id: string, token: string, version: number): Promise<JobRecord | undefined> {
    const row = (await db.query<JobRow>('UPDATE flash_jobs SET wf_token = $2, wf_version = $3 WHERE id = $1 RETURNING *', [id, token, version])).rows[0];
    return row && toRecord(row);
  }

  /** Jobs oldest first after `afterId`: an organisation's, or all (admin). */
  async list(db: SqlExecutor, orgId: string | null, afterId: string | undefined, limit: number): Promise<JobRecord[]> {
    const res = await db.query<JobRow>(
      `SELECT * FROM flash_jobs WHERE ($1::uuid IS NULL OR org_id = $1::uuid) AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [orgId, afterId ?? null, limit],
    );
    return res.rows.map(toRecord);
  }
}
