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

  /** The input with its VIN and plate normalised; 400 VIN_INVALID, PLATE_INVALID or YEAR_INVALID. */
  #checked(input: NewVehicle): NewVehicle {
    const vin = parseVin(input.vin);
    if (!vin) throw badRequest('VIN_INVALID', 'The VIN must have 17 characters (letters except I, O, Q, and digits).');
    const plate = parsePlate(input.plate);
    if (!plate) throw badRequest('PLATE_INVALID', 'The plate must be a French plate such as AB-123-CD or 1234 AB 56.');
    const latest = this.deps.clock.now().getUTCFullYear() + 1;
    if (input.year > latest) throw badRequest('YEAR_INVALID', `The model year cannot be after ${latest}.`);
    return { ...input, vin, plate: plate.plate };
  }

  /** Registers a vehicle for the caller; publishes `vehicles.registered` in the same transaction. */
  async create(p: Principal, input: NewVehicle): Promise<Vehicle> {
    const tenancy = tenancyOf(p);
    const { vin, plate, make, model, year } = this.#checked(input);
    const row: VehicleRow = { id: newId(), owner_user_id: tenancy.ownerUserId, org_id: tenancy.orgId, vin, plate, make, model, year, created_at: this.deps.clock.now() };
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
   * The caller's vehicle with this VIN set to the given plate, make, model and year: created
   * when the caller has none with this VIN, else updated in place. Saving the same values again
   * changes nothing (PUT /v1/vehicles/by-vin/{vin}, the owner's confirmed reading).
   */
  saveByVin(p: Principal, input: NewVehicle): Promise<{ vehicle: Vehicle; created: boolean }> {
    return this.#upsert(p, input, 'year');
  }

  /**
   * The caller's vehicle as a registration certificate describes it: created when the caller
   * has none with this VIN, else its plate, make and model brought up to date (a new plate after
   * a move, a corrected model) — the year the owner gave is kept. The OCR module reaches this
   * through the vehicles face.
   */
  async saveFromCertificate(p: Principal, v: NewVehicle): Promise<{ id: string; created: boolean }> {
    const { vehicle, created } = await this.#upsert(p, v, 'keep-year');
    return { id: vehicle.id, created };
  }

  async #upsert(p: Principal, input: NewVehicle, year: 'year' | 'keep-year'): Promise<{ vehicle: Vehicle; created: boolean }> {
    const v = this.#checked(input);
    const values = year === 'year' ? [v.vin, v.plate, v.make, v.model, v.year] : [v.vin, v.plate, v.make, v.model];
    const scope = scopeFilter(p, TENANT_COLUMNS, values.length + 1);
    const setYear = year === 'year' ? ', year = $5' : '';
    const update = async () =>
      (await this.deps.db.query<VehicleRow>(`UPDATE vehicles SET plate = $2, make = $3, model = $4${setYear} WHERE vin = $1 AND ${scope.sql} RETURNING *`, [...values, ...scope.params])).rows[0];
    const existing = await update();
    if (existing) return { vehicle: toVehicle(existing), created: false };
    try {
      return { vehicle: await this.create(p, v), created: true };
    } catch (err) {
      // Saved by a concurrent request between the update and the insert: update that one.
      const raced = err instanceof AppError && err.code === 'VEHICLE_EXISTS' ? await update() : undefined;
      if (raced) return { vehicle: toVehicle(raced), created: false };
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
