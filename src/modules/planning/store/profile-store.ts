import { randomBytes } from 'node:crypto';
import type { SqlDatabase, SqlExecutor } from '../../../platform/ports/sql.ts';
import { parseAvailabilityProfile, type AvailabilityProfile } from '../availability/profile.ts';
import { LEARNED_AFTER_JOBS, type DurationEstimate } from '../durations/learned-duration.ts';

/** A service as the professional declared it. */
export interface DeclaredService {
  code: string;
  durationMin: number;
  priceEur?: number | undefined;
}

/** A professional's stored profile (wire forms of hours and closures, as saved). */
export interface ProfileRow {
  org_id: string;
  user_id: string;
  name: string;
  lat: number;
  lon: number;
  address: string;
  services: DeclaredService[];
  capacity: number;
  buffer_min: number;
  opening_hours: Record<string, Array<[string, string]>>;
  closures: Array<{ from: string; to: string }>;
  timezone: string;
  feed_token: string;
  updated_at: Date;
}

/** What a saved profile holds besides its owner and token. */
export type ProfileFields = Omit<ProfileRow, 'org_id' | 'user_id' | 'feed_token' | 'updated_at'>;

/** The availability profile of a stored row; a row was validated when saved, so this parses. */
export function availabilityOf(row: Pick<ProfileRow, 'timezone' | 'opening_hours' | 'closures' | 'capacity' | 'buffer_min'>): AvailabilityProfile {
  const parsed = parseAvailabilityProfile({ timezone: row.timezone, openingHours: row.opening_hours, closures: row.closures, capacity: row.capacity, bufferMin: row.buffer_min });
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

/** A fresh calendar feed token: 32 random bytes, URL-safe. */
export function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SQL of profiles, learned durations and feed tokens. */
export class ProfileStore {
  /** The profile of an organisation; with `lock`, its row is locked until the transaction ends. */
  async get(db: SqlExecutor, orgId: string, lock = false): Promise<ProfileRow | undefined> {
    const { rows } = await db.query<ProfileRow>(`SELECT * FROM planning_profiles WHERE org_id = $1${lock ? ' FOR UPDATE' : ''}`, [orgId]);
    return rows[0];
  }

  /** Creates or replaces a profile; the feed token is made once and kept. */
  async save(db: SqlExecutor, orgId: string, userId: string, p: ProfileFields, now: Date): Promise<ProfileRow> {
    const { rows } = await db.query<ProfileRow>(
      `INSERT INTO planning_profiles (org_id, user_id, name, lat, lon, address, services, capacity, buffer_min, opening_hours, closures, timezone, feed_token, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10::jsonb, $11::jsonb, $12, $13, $14)
       ON CONFLICT (org_id) DO UPDATE SET user_id = EXCLUDED.user_id, name = EXCLUDED.name, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
         address = EXCLUDED.address, services = EXCLUDED.services, capacity = EXCLUDED.capacity, buffer_min = EXCLUDED.buffer_min,
         opening_hours = EXCLUDED.opening_hours, closures = EXCLUDED.closures, timezone = EXCLUDED.timezone, updated_at = EXCLUDED.updated_at,
         revision = planning_profiles.revision + 1
       RETURNING *`,
      [orgId, userId, p.name, p.lat, p.lon, p.address, JSON.stringify(p.services), p.capacity, p.buffer_min, JSON.stringify(p.opening_hours), JSON.stringify(p.closures), p.timezone, newFeedToken(), now],
    );
    return rows[0]!;
  }

  async all(db: SqlExecutor): Promise<ProfileRow[]> {
    return (await db.query<ProfileRow>('SELECT * FROM planning_profiles ORDER BY org_id')).rows;
  }

  async byFeedToken(db: SqlExecutor, token: string): Promise<ProfileRow | undefined> {
    return (await db.query<ProfileRow>('SELECT * FROM planning_profiles WHERE feed_token = $1', [token])).rows[0];
  }

  async rotateFeedToken(db: SqlExecutor, orgId: string): Promise<string | undefined> {
    const { rows } = await db.query<{ feed_token: string }>('UPDATE planning_profiles SET feed_token = $2 WHERE org_id = $1 RETURNING feed_token', [orgId, newFeedToken()]);
    return rows[0]?.feed_token;
  }

  /** Learned estimates by organisation, then service code. */
  async learned(db: SqlExecutor, orgIds: readonly string[]): Promise<Map<string, Map<string, DurationEstimate>>> {
    const out = new Map<string, Map<string, DurationEstimate>>();
    if (orgIds.length === 0) return out;
    const { rows } = await db.query<{ org_id: string; service: string; duration_min: number; sample_size: number }>(
      'SELECT * FROM planning_learned_durations WHERE org_id = ANY($1::uuid[])',
      [orgIds],
    );
    for (const r of rows) {
      const byService = out.get(r.org_id) ?? new Map<string, DurationEstimate>();
      out.set(r.org_id, byService);
      byService.set(r.service, { durationMin: r.duration_min, source: r.sample_size >= LEARNED_AFTER_JOBS ? 'learned' : 'declared', sampleSize: r.sample_size });
    }
    return out;
  }

  async saveLearned(db: SqlDatabase, orgId: string, service: string, estimate: DurationEstimate): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO planning_learned_durations (org_id, service, duration_min, sample_size) VALUES ($1, $2, $3, $4)
         ON CONFLICT (org_id, service) DO UPDATE SET duration_min = EXCLUDED.duration_min, sample_size = EXCLUDED.sample_size`,
        [orgId, service, estimate.durationMin, estimate.sampleSize],
      );
      await this.touch(tx, orgId);
    });
  }

  /** Marks the professional's availability changed (a booking, a learned duration), in the caller's transaction. */
  async touch(db: SqlExecutor, orgId: string): Promise<void> {
    await db.query('UPDATE planning_profiles SET revision = revision + 1 WHERE org_id = $1', [orgId]);
  }
}

/**
 * The minutes to plan each of a professional's services with: the learned estimate (after 5
 * completed jobs) where there is one, else the declared duration.
 */
export function plannedDurations(row: ProfileRow, learned: ReadonlyMap<string, DurationEstimate> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of row.services) {
    const estimate = learned?.get(s.code);
    out[s.code] = estimate && estimate.source === 'learned' ? estimate.durationMin : s.durationMin;
  }
  return out;
}
