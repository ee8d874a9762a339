import type { SqlExecutor } from '../../platform/ports/sql.ts';
import type { DtcRow, DtcStatus } from './dtc-transitions.ts';

interface Row {
  code: string;
  status: DtcStatus;
  first_seen: Date;
  last_seen: Date;
}

const toRow = (r: Row): DtcRow => ({ code: r.code, status: r.status, firstSeen: r.first_seen, lastSeen: r.last_seen });

/** SQL access to `obd_dtcs` (a vehicle's fault-code list) and `obd_misfires`. */
export const dtcStore = {
  /** The vehicle's codes, locked for the caller's transaction (one report at a time per vehicle). */
  async forUpdate(tx: SqlExecutor, vehicleId: string): Promise<DtcRow[]> {
    const { rows } = await tx.query<Row>('SELECT code, status, first_seen, last_seen FROM obd_dtcs WHERE vehicle_id = $1 ORDER BY code FOR UPDATE', [vehicleId]);
    return rows.map(toRow);
  },

  /** The vehicle's codes: current ones first, then by most recently seen. */
  async list(db: SqlExecutor, vehicleId: string): Promise<DtcRow[]> {
    const { rows } = await db.query<Row>(
      `SELECT code, status, first_seen, last_seen FROM obd_dtcs WHERE vehicle_id = $1
       ORDER BY (status = 'cleared'), last_seen DESC, code LIMIT 1000`,
      [vehicleId],
    );
    return rows.map(toRow);
  },

  async save(tx: SqlExecutor, vehicleId: string, rows: readonly DtcRow[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO obd_dtcs (vehicle_id, code, status, first_seen, last_seen)
       SELECT $1::uuid, r.code, r.status, r.first_seen, r.last_seen
       FROM jsonb_to_recordset($2::jsonb) AS r(code text, status text, first_seen timestamptz, last_seen timestamptz)
       ON CONFLICT (vehicle_id, code) DO UPDATE SET status = excluded.status, first_seen = excluded.first_seen, last_seen = excluded.last_seen`,
      [vehicleId, JSON.stringify(rows.map((r) => ({ code: r.code, status: r.status, first_seen: r.firstSeen.toISOString(), last_seen: r.lastSeen.toISOString() })))],
    );
  },

  /** The last misfire counts known per cylinder, locked; then replaced by `current`. */
  async swapMisfires(tx: SqlExecutor, vehicleId: string, current: readonly { cylinder: number; count: number }[]): Promise<Map<number, number>> {
    const { rows } = await tx.query<{ cylinder: number; count: number }>('SELECT cylinder, count FROM obd_misfires WHERE vehicle_id = $1 FOR UPDATE', [vehicleId]);
    await tx.query(
      `INSERT INTO obd_misfires (vehicle_id, cylinder, count)
       SELECT $1::uuid, m.cylinder, m.count FROM jsonb_to_recordset($2::jsonb) AS m(cylinder int, count double precision)
       ON CONFLICT (vehicle_id, cylinder) DO UPDATE SET count = excluded.count`,
      [vehicleId, JSON.stringify(current)],
    );
    return new Map(rows.map((r) => [r.cylinder, r.count]));
  },

  /** Records that `key` was notified for the vehicle on `day`; false when it already was. */
  async claimNotice(tx: SqlExecutor, vehicleId: string, key: string, day: string): Promise<boolean> {
    const { rowCount } = await tx.query('INSERT INTO obd_notices (vehicle_id, key, day) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [vehicleId, key, day]);
    return rowCount > 0;
  },
};
