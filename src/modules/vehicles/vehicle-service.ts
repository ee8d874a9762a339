import type { Principal } from '../../platform/auth/principal.ts';
import { scopeFilter, tenancyOf } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { TypedPublisher } from '../../platform/module/events.ts';
import { isUniqueViolation, type SqlDatabase } from '../../platform/ports/sql.ts';
import type { vehicleEvents } from './events.ts';
import { parsePlate } from './plate.ts';
import type { NewVehicle, Vehicle } from './schemas.ts';
import { parseVin } from './vin.ts';

interface VehicleRow {
  id: string;
  owner_user_id: string | null;
  org_id: string | null;
  vin: string;
  plate: string;
  make: string;
  model: string;
  year: number;
  created_at: Date;
}

const toVehicle = (r: VehicleRow): Vehicle => ({ ...r, vin: r.vin.trim(), created_at: r.created_at.toISOString() });
const TENANT_COLUMNS = { ownerUserId: 'owner_user_id', orgId: 'org_id' };

/** Vehicles belong to an owner or to a professional's organisation (a garage's fleet). */
export class VehicleService {
  constructor(private readonly deps: { db: SqlDatabase; clock: Clock; events: TypedPublisher<typeof vehicleEvents> }) {}

  /** Registers a vehicle for the caller; publishes `vehicles.registered` in the same transaction. */
  async create(p: Principal, input: NewVehicle): Promise<Vehicle> {
    const tenancy = tenancyOf(p);
    const vin = parseVin(input.vin);
    if (!vin) throw badRequest('VIN_INVALID', 'The VIN must have 17 characters (letters except I, O, Q, and digits).');
    const plate = parsePlate(input.plate);
    if (!plate) throw badRequest('PLATE_INVALID', 'The plate must be a French plate such as AB-123-CD or 1234 AB 56.');
    const now = this.deps.clock.now();
    if (input.year > now.getUTCFullYear() + 1) throw badRequest('YEAR_INVALID', `The model year cannot be after ${now.getUTCFullYear() + 1}.`);

    const row: VehicleRow = {
      id: newId(),
      owner_user_id: tenancy.ownerUserId,
      org_id: tenancy.orgId,
      vin,
      plate: plate.plate,
      make: input.make,
      model: input.model,
      year: input.year,
      created_at: now,
    };
    try {
      await this.deps.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO vehicles (id, owner_user_id, org_id, vin, plate, make, model, year, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [row.id, row.owner_user_id, row.org_id, row.vin, row.plate, row.make, row.model, row.year, row.created_at],
        );
        await this.deps.events.publish('vehicles.registered', { id: row.id, vin, ownerUserId: row.owner_user_id, orgId: row.org_id }, { subject: row.id, tx });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('VEHICLE_EXISTS', 'You already registered a vehicle with this VIN.');
      throw err;
    }
    return toVehicle(row);
  }

  /**
   * The caller's vehicle as a registration certificate describes it: created when the caller
   * has none with this VIN, else its plate, make and model brought up to date (a new plate after
   * a move, a corrected model). The OCR module reaches this through the vehicles face.
   */
  async saveFromCertificate(p: Principal, v: { vin: string; plate: string; make: string; model: string; year: number }): Promise<{ id: string; created: boolean }> {
    const vin = parseVin(v.vin);
    if (!vin) throw badRequest('VIN_INVALID', 'The VIN must have 17 characters (letters except I, O, Q, and digits).');
    const plate = parsePlate(v.plate);
    if (!plate) throw badRequest('PLATE_INVALID', 'The plate must be a French plate such as AB-123-CD or 1234 AB 56.');
    const scope = scopeFilter(p, TENANT_COLUMNS, 5);
    const update = async () =>
      (await this.deps.db.query<{ id: string }>(`UPDATE vehicles SET plate = $2, make = $3, model = $4 WHERE vin = $1 AND ${scope.sql} RETURNING id`, [vin, plate.plate, v.make, v.model, ...scope.params]))
        .rows[0]?.id;
    const existing = await update();
    if (existing) return { id: existing, created: false };
    try {
      return { id: (await this.create(p, { vin, plate: plate.plate, make: v.make, model: v.model, year: v.year })).id, created: true };
    } catch (err) {
      // Saved by a concurrent request between the update and the insert: update that one.
      const raced = err instanceof AppError && err.code === 'VEHICLE_EXISTS' ? await update() : undefined;
      if (raced) return { id: raced, created: false };
      throw err;
    }
  }

  /** One vehicle the caller may see; anything else (another tenant's, or no such id) is 404. */
  async get(p: Principal, id: string): Promise<Vehicle> {
    if (!isUuid(id)) throw notFound('VEHICLE_NOT_FOUND', 'No such vehicle.');
    const scope = scopeFilter(p, TENANT_COLUMNS, 2);
    const { rows } = await this.deps.db.query<VehicleRow>(`SELECT * FROM vehicles WHERE id = $1 AND ${scope.sql}`, [id, ...scope.params]);
    if (!rows[0]) throw notFound('VEHICLE_NOT_FOUND', 'No such vehicle.');
    return toVehicle(rows[0]);
  }

  /** The caller's vehicles in registration order, after `afterId`. */
  async list(p: Principal, afterId: string | undefined, limit: number): Promise<Vehicle[]> {
    const scope = scopeFilter(p, TENANT_COLUMNS, 3);
    const { rows } = await this.deps.db.query<VehicleRow>(
      `SELECT * FROM vehicles WHERE ($1::uuid IS NULL OR id > $1::uuid) AND ${scope.sql} ORDER BY id LIMIT $2`,
      [afterId ?? null, limit, ...scope.params],
    );
    return rows.map(toVehicle);
  }
}
