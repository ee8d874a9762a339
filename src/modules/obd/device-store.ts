import type { SqlExecutor } from '../../platform/ports/sql.ts';
import type { StoredSecret } from './device-secret.ts';

/** A registered OBD device (dongle), without its secret. */
export interface ObdDevice {
  id: string;
  vehicleId: string;
  ownerUserId: string;
  label: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** A live device as ingestion needs it: its vehicle, the vehicle's owner and name. */
export interface DeviceRoute {
  deviceId: string;
  vehicleId: string;
  ownerUserId: string;
  vehicleName: string;
}

interface DeviceRow {
  id: string;
  vehicle_id: string;
  owner_user_id: string;
  label: string;
  created_at: Date;
  revoked_at: Date | null;
}

const toDevice = (r: DeviceRow): ObdDevice => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  ownerUserId: r.owner_user_id,
  label: r.label,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

const COLUMNS = 'id, vehicle_id, owner_user_id, label, created_at, revoked_at';

/** SQL access to `obd_devices`. */
export const deviceStore = {
  async insert(db: SqlExecutor, device: Omit<ObdDevice, 'revokedAt'>, secret: StoredSecret): Promise<void> {
    await db.query(
      `INSERT INTO obd_devices (id, vehicle_id, owner_user_id, label, secret_salt, secret_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [device.id, device.vehicleId, device.ownerUserId, device.label, secret.salt, secret.hash, device.createdAt],
    );
  },

  /** The owner's devices after `afterId`, in creation order. */
  async listByOwner(db: SqlExecutor, ownerUserId: string, afterId: string | undefined, limit: number): Promise<ObdDevice[]> {
    const { rows } = await db.query<DeviceRow>(
      `SELECT ${COLUMNS} FROM obd_devices WHERE owner_user_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [ownerUserId, afterId ?? null, limit],
    );
    return rows.map(toDevice);
  },

  /** Marks the owner's device revoked (its secret wiped); false when it is not theirs or already revoked. */
  async revoke(db: SqlExecutor, ownerUserId: string, id: string, at: Date): Promise<boolean> {
    const { rowCount } = await db.query(
      `UPDATE obd_devices SET revoked_at = $3, secret_hash = '', secret_salt = '' WHERE id = $1 AND owner_user_id = $2 AND revoked_at IS NULL`,
      [id, ownerUserId, at],
    );
    return rowCount > 0;
  },

  /** A live (not revoked) device's secret and route, for authentication. */
  async findLive(db: SqlExecutor, id: string): Promise<{ secret: StoredSecret; route: DeviceRoute } | undefined> {
    const { rows } = await db.query<{ id: string; vehicle_id: string; owner_user_id: string; secret_salt: string; secret_hash: string; make: string | null; model: string | null }>(
      `SELECT d.id, d.vehicle_id, d.owner_user_id, d.secret_salt, d.secret_hash, v.make, v.model
       FROM obd_devices d LEFT JOIN vehicles v ON v.id = d.vehicle_id
       WHERE d.id = $1 AND d.revoked_at IS NULL`,
      [id],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      secret: { salt: r.secret_salt, hash: r.secret_hash },
      route: { deviceId: r.id, vehicleId: r.vehicle_id, ownerUserId: r.owner_user_id, vehicleName: [r.make, r.model].filter(Boolean).join(' ') || 'véhicule' },
    };
  },
};
