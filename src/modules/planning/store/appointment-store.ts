import type { SqlExecutor } from '../../../platform/ports/sql.ts';
import type { BookingStatus, BusyInterval } from '../availability/availability.ts';
import type { ReminderKind } from '../reminders/reminder-times.ts';
import type { Urgency } from '../urgency.ts';

/** A durable reminder timer of a confirmed appointment. */
export interface ReminderTimerRef {
  kind: ReminderKind;
  id: string;
  at: string;
  /** The appointment's sequence (its time) the timer was set for; a moved appointment needs new ones. */
  sequence?: number;
}

/** An appointment (or a hold) as stored. */
export interface AppointmentRow {
  id: string;
  org_id: string;
  owner_user_id: string;
  service: string;
  start_at: Date;
  end_at: Date;
  status: BookingStatus;
  hold_expires_at: Date | null;
  vehicle_id: string | null;
  notes: string | null;
  analysis_id: string | null;
  urgency: Urgency;
  proposed_start: Date | null;
  proposed_end: Date | null;
  decline_reason: string | null;
  actual_duration_min: number | null;
  reminder_timers: ReminderTimerRef[];
  sequence: number;
  /** Counts every change (the booking workflow waits for a version above the one it knows). */
  version: number;
  created_at: Date;
  updated_at: Date;
  /** Joined from the profile. */
  pro_name?: string;
}

/** The statuses that may take a bay (holds until they lapse); the others never do. */
export const OCCUPYING: readonly BookingStatus[] = ['held', 'requested', 'confirmed', 'proposed', 'completed'];

/** The same as an SQL list: a literal (not a parameter) lets the planner use the partial index planning_appointments_busy. */
export const OCCUPYING_SQL = OCCUPYING.map((s) => `'${s}'`).join(', ');

/** The interval availability sees for a stored appointment. */
export function busyOf(row: Pick<AppointmentRow, 'start_at' | 'end_at' | 'status' | 'hold_expires_at'>): BusyInterval {
  return { start: row.start_at.getTime(), end: row.end_at.getTime(), status: row.status, expiresAt: row.hold_expires_at?.getTime() };
}

/** Who may see which appointments: the owner their own, a professional its organisation's, an admin all. */
export type AppointmentScope = { kind: 'owner'; userId: string } | { kind: 'pro'; orgId: string } | { kind: 'all' };

const SELECT = 'SELECT a.*, p.name AS pro_name FROM planning_appointments a JOIN planning_profiles p ON p.org_id = a.org_id';

function scopeSql(scope: AppointmentScope, index: number): { sql: string; params: unknown[] } {
  if (scope.kind === 'owner') return { sql: `a.owner_user_id = $${index}`, params: [scope.userId] };
  if (scope.kind === 'pro') return { sql: `a.org_id = $${index}`, params: [scope.orgId] };
  return { sql: 'TRUE', params: [] };
}

/** SQL of appointments and holds. */
export class AppointmentStore {
  /** Appointments of professionals that may take a bay over `[from, to)`. */
  async busy(db: SqlExecutor, orgIds: readonly string[], from: Date, to: Date): Promise<Map<string, BusyInterval[]>> {
    const out = new Map<string, BusyInterval[]>();
    if (orgIds.length === 0) return out;
    const { rows } = await db.query<AppointmentRow>(
      'SELECT org_id, start_at, end_at, status, hold_expires_at, id FROM planning_appointments WHERE org_id = ANY($1::uuid[]) AND status = ANY($2::text[]) AND end_at > $3 AND start_at < $4',
      [orgIds, OCCUPYING, from, to],
    );
    for (const r of rows) {
      const list = out.get(r.org_id) ?? [];
      list.push(busyOf(r));
      out.set(r.org_id, list);
    }
    return out;
  }

  /** The same, for one professional, leaving one appointment out (the one being moved). */
  async busyExcept(db: SqlExecutor, orgId: string, from: Date, to: Date, exceptId: string | null): Promise<BusyInterval[]> {
    const { rows } = await db.query<AppointmentRow>(
      `SELECT start_at, end_at, status, hold_expires_at FROM planning_appointments WHERE org_id = $1 AND status IN (${OCCUPYING_SQL}) AND end_at > $2 AND start_at < $3 AND ($4::uuid IS NULL OR id <> $4::uuid)`,
      [orgId, from, to, exceptId],
    );
    return rows.map(busyOf);
  }

  async get(db: SqlExecutor, id: string, scope: AppointmentScope, lock = false): Promise<AppointmentRow | undefined> {
    const s = scopeSql(scope, 2);
    const { rows } = await db.query<AppointmentRow>(`${SELECT} WHERE a.id = $1 AND ${s.sql}${lock ? ' FOR UPDATE OF a' : ''}`, [id, ...s.params]);
    return rows[0];
  }

  /** A live hold of this owner on exactly this slot, which booking turns into the appointment. */
  async liveHold(db: SqlExecutor, input: { orgId: string; ownerUserId: string; service: string; start: Date; now: Date }): Promise<AppointmentRow | undefined> {
    const { rows } = await db.query<AppointmentRow>(
      `SELECT * FROM planning_appointments WHERE org_id = $1 AND owner_user_id = $2 AND service = $3 AND start_at = $4 AND status = 'held' AND hold_expires_at > $5 LIMIT 1`,
      [input.orgId, input.ownerUserId, input.service, input.start, input.now],
    );
    return rows[0];
  }

  async insert(db: SqlExecutor, row: Omit<AppointmentRow, 'pro_name'>): Promise<void> {
    await db.query(
      `INSERT INTO planning_appointments (id, org_id, owner_user_id, service, start_at, end_at, status, hold_expires_at, vehicle_id, notes, analysis_id, urgency,
         proposed_start, proposed_end, decline_reason, actual_duration_min, reminder_timers, sequence, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18, $19, $20, $21)`,
      [row.id, row.org_id, row.owner_user_id, row.service, row.start_at, row.end_at, row.status, row.hold_expires_at, row.vehicle_id, row.notes, row.analysis_id, row.urgency,
        row.proposed_start, row.proposed_end, row.decline_reason, row.actual_duration_min, JSON.stringify(row.reminder_timers), row.sequence, row.created_at, row.updated_at, row.version],
    );
  }

  /** Writes every mutable column of `row` back. */
  async update(db: SqlExecutor, row: AppointmentRow): Promise<void> {
    await db.query(
      `UPDATE planning_appointments SET start_at = $2, end_at = $3, status = $4, hold_expires_at = $5, vehicle_id = $6, notes = $7, analysis_id = $8, urgency = $9,
         proposed_start = $10, proposed_end = $11, decline_reason = $12, actual_duration_min = $13, reminder_timers = $14::jsonb, sequence = $15, updated_at = $16, version = $17
       WHERE id = $1`,
      [row.id, row.start_at, row.end_at, row.status, row.hold_expires_at, row.vehicle_id, row.notes, row.analysis_id, row.urgency,
        row.proposed_start, row.proposed_end, row.decline_reason, row.actual_duration_min, JSON.stringify(row.reminder_timers), row.sequence, row.updated_at, row.version],
    );
  }

  /** Replaces the appointment's reminder timers (the workflow keeps them in step with its state and time). */
  async setReminders(db: SqlExecutor, id: string, refs: readonly ReminderTimerRef[]): Promise<void> {
    await db.query('UPDATE planning_appointments SET reminder_timers = $2::jsonb WHERE id = $1', [id, JSON.stringify(refs)]);
  }

  /**
   * Keeps the booking workflow's task token, waiting beyond `version`; returns the appointment as
   * it is now (its version may already be past: the caller then answers the token at once).
   */
  async setWorkflowToken(db: SqlExecutor, id: string, token: string, version: number): Promise<AppointmentRow | undefined> {
    const { rows } = await db.query<AppointmentRow>('UPDATE planning_appointments SET wf_token = $2, wf_version = $3 WHERE id = $1 RETURNING *', [id, token, version]);
    return rows[0];
  }

  /** The workflow's pending token and the version it waits beyond, with the appointment's state. */
  async workflowToken(db: SqlExecutor, id: string): Promise<{ token: string | null; waitsBeyond: number | null; version: number; status: BookingStatus } | undefined> {
    const { rows } = await db.query<{ wf_token: string | null; wf_version: number | null; version: number; status: BookingStatus }>(
      'SELECT wf_token, wf_version, version, status FROM planning_appointments WHERE id = $1',
      [id],
    );
    const r = rows[0];
    return r && { token: r.wf_token, waitsBeyond: r.wf_version, version: r.version, status: r.status };
  }

  /** The caller's appointments (holds left out) after `afterId`, optionally starting in `[from, to)`. */
  async list(db: SqlExecutor, scope: AppointmentScope, afterId: string | undefined, limit: number, window: { from?: Date | undefined; to?: Date | undefined }): Promise<AppointmentRow[]> {
    const s = scopeSql(scope, 5);
    const { rows } = await db.query<AppointmentRow>(
      `${SELECT} WHERE a.status <> 'held' AND ($1::uuid IS NULL OR a.id > $1::uuid) AND ($3::timestamptz IS NULL OR a.start_at >= $3) AND ($4::timestamptz IS NULL OR a.start_at < $4)
         AND ${s.sql} ORDER BY a.id LIMIT $2`,
      [afterId ?? null, limit, window.from ?? null, window.to ?? null, ...s.params],
    );
    return rows;
  }

  /** Marks lapsed holds `expired` (they already took no bay; this keeps the table honest). Returns how many. */
  async expireHolds(db: SqlExecutor, now: Date): Promise<number> {
    return (await db.query(`UPDATE planning_appointments SET status = 'expired', updated_at = $1 WHERE status = 'held' AND hold_expires_at <= $1`, [now])).rowCount;
  }

  /** Every appointment of a professional for its calendar feed (holds apart), from `since` on. */
  async forFeed(db: SqlExecutor, orgId: string, since: Date): Promise<AppointmentRow[]> {
    const { rows } = await db.query<AppointmentRow>(`SELECT * FROM planning_appointments WHERE org_id = $1 AND status <> 'held' AND end_at > $2 ORDER BY start_at LIMIT 2000`, [orgId, since]);
    return rows;
  }
}
