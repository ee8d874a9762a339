import type { Principal } from '../../platform/auth/principal.ts';
import { notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { SqlExecutor } from '../../platform/ports/sql.ts';

/** A vehicle as the OBD module needs it: who is told about it, and what to call it. */
export interface ObdVehicle {
  id: string;
  ownerUserId: string;
  name: string;
}

interface VehicleRow {
  id: string;
  owner_user_id: string;
  make: string;
  model: string;
}

const toVehicle = (r: VehicleRow): ObdVehicle => ({ id: r.id, ownerUserId: r.owner_user_id, name: `${r.make} ${r.model}` });

// Read-only queries on the vehicles module's table until it offers a public lookup by owner
// (asked of the lead): the OBD module never writes there.

/** The caller's own vehicle with this VIN, or 404 `VEHICLE_NOT_FOUND`. */
export async function ownVehicleByVin(db: SqlExecutor, p: Principal, vin: string): Promise<ObdVehicle> {
  const { rows } = await db.query<VehicleRow>('SELECT id, owner_user_id, make, model FROM vehicles WHERE owner_user_id = $1 AND vin = $2', [p.userId, vin]);
  if (!rows[0]) throw notFound('VEHICLE_NOT_FOUND', 'You have no vehicle with this VIN: register it first (POST /v1/vehicles).');
  return toVehicle(rows[0]);
}

/**
 * Whether a professional's organisation may see a vehicle's OBD data: the planning module's
 * answer ("the vehicle's owner booked it for this vehicle"), given to `createObdModule({ proAccess })`.
 */
export type ProVehicleAccess = (vehicleId: string, orgId: string, ownerUserId: string) => Promise<boolean>;

/**
 * Decides who may see a vehicle's telemetry and fault codes: its owner, administrators, and a
 * pro whose organisation `proAccess` lets in (without it, as today, pros get 404 like any other
 * tenant). Anyone else: 404 `VEHICLE_NOT_FOUND`.
 */
export async function viewableVehicle(db: SqlExecutor, p: Principal, vehicleId: string, proAccess?: ProVehicleAccess): Promise<ObdVehicle> {
  const missing = () => notFound('VEHICLE_NOT_FOUND', 'No such vehicle.');
  if (!isUuid(vehicleId)) throw missing();
  const { rows } = await db.query<VehicleRow>('SELECT id, owner_user_id, make, model FROM vehicles WHERE id = $1 AND owner_user_id IS NOT NULL', [vehicleId]);
  const row = rows[0];
  if (!row) throw missing();
  if (p.role === 'admin' || (p.role === 'owner' && row.owner_user_id === p.userId)) return toVehicle(row);
  if (p.role === 'pro' && p.orgId && proAccess && (await proAccess(row.id, p.orgId, row.owner_user_id))) return toVehicle(row);
  throw missing();
}
