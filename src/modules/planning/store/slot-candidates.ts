import type { SqlExecutor } from '../../../platform/ports/sql.ts';
import type { BookingStatus, BusyInterval } from '../availability/availability.ts';
import { LEARNED_AFTER_JOBS } from '../durations/learned-duration.ts';
import { OCCUPYING_SQL } from './appointment-store.ts';
import type { ProfileRow } from './profile-store.ts';

/** Where slot search looks: a point and a radius. */
export interface CandidateArea {
  lat: number;
  lon: number;
  radiusKm: number;
}

/** A professional in the box around the point, and the revision of what search reads of it. */
export interface CandidateRevision {
  org_id: string;
  revision: string;
}

/** What slot search reads of a professional: its profile, learned durations, and bookings and live holds over a window. */
export interface CandidateRow extends Omit<ProfileRow, 'user_id' | 'feed_token'> {
  /** As text: PostgreSQL's bigint. */
  revision: string;
  /** Learned estimates by service code, once each rests on enough completed jobs. */
  learned: Record<string, number>;
  busy: BusyInterval[];
}

/** Bookings of one professional as the query aggregates them: [start ms, end ms, status, hold expiry ms | null]. */
type BusyTuple = [number, number, BookingStatus, number | null];

const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/**
 * The professionals in the box around the point with their revisions: a few bytes each, from
 * the location index (services are filtered from the cached profiles: testing a jsonb column
 * here would cost more than the rest of the search).
 */
export async function candidateRevisions(db: SqlExecutor, area: CandidateArea): Promise<CandidateRevision[]> {
  const dLat = area.radiusKm / 111.32;
  const dLon = area.radiusKm / (111.32 * Math.max(0.01, Math.cos((area.lat * Math.PI) / 180)));
  const { rows } = await db.query<CandidateRevision>(
    'SELECT org_id, revision::text AS revision FROM planning_profiles WHERE lat BETWEEN $1 AND $2 AND lon BETWEEN $3 AND $4',
    [area.lat - dLat, area.lat + dLat, area.lon - dLon, area.lon + dLon],
  );
  return rows;
}

/**
 * One query for the professionals `orgIds`: profile, revision, learned durations, and the bookings
 * and holds that may take a bay over `[from, to)`, aggregated into one JSON value per
 * professional (far cheaper to decode than a row per booking). One statement, so the revision
 * is that of the data read with it.
 */
export async function loadCandidates(db: SqlExecutor, orgIds: readonly string[], from: Date, to: Date): Promise<CandidateRow[]> {
  if (orgIds.length === 0) return [];
  const { rows } = await db.query<Omit<CandidateRow, 'busy' | 'learned'> & { busy: BusyTuple[] | string; learned: Record<string, number> | string }>(
    `SELECT p.org_id, p.name, p.lat, p.lon, p.address, p.services, p.capacity, p.buffer_min, p.opening_hours, p.closures, p.timezone, p.updated_at, p.revision::text AS revision,
       COALESCE((SELECT json_object_agg(l.service, l.duration_min) FROM planning_learned_durations l WHERE l.org_id = p.org_id AND l.sample_size >= $4), '{}'::json) AS learned,
       COALESCE((
         SELECT json_agg(json_build_array(extract(epoch FROM a.start_at) * 1000, extract(epoch FROM a.end_at) * 1000, a.status, extract(epoch FROM a.hold_expires_at) * 1000))
         FROM planning_appointments a
         WHERE a.org_id = p.org_id AND a.status IN (${OCCUPYING_SQL}) AND a.end_at > $2 AND a.start_at < $3
       ), '[]'::json) AS busy
     FROM planning_profiles p WHERE p.org_id = ANY($1::uuid[])`,
    [orgIds, from, to, LEARNED_AFTER_JOBS],
  );
  return rows.map((r) => ({
    ...r,
    learned: parsed(r.learned),
    busy: parsed(r.busy).map(([start, end, status, expiresAt]) => ({ start: Number(start), end: Number(end), status, expiresAt: expiresAt === null ? undefined : Number(expiresAt) })),
  }));
}
