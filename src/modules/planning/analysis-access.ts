import type { SqlExecutor } from '../../platform/ports/sql.ts';

/** Whether a professional's organisation may see something of an owner's, by id. */
export type OrganisationAccess = (id: string, orgId: string) => Promise<boolean>;

/** What a professional may see because the owner booked them: the NLP analysis and the vehicle. */
export interface BookingAccess {
  /** The owner's NLP analysis is attached to one of the organisation's bookings (NLP's `proAccess`). */
  analysis: OrganisationAccess;
  /** The vehicle is on one of the organisation's bookings (OBD's `proAccess`). */
  vehicle: OrganisationAccess;
}

// A bare hold (any owner can place one, and it lapses) or an expired one grants nothing.
const GRANTING = `status NOT IN ('held', 'expired')`;

/**
 * Planning's public face for the modules whose data a booked garage may read.
 *
 * @example
 * const mayRead = await bookingAccess(ctx.db).analysis(analysisId, principal.orgId); // true
 */
export function bookingAccess(db: SqlExecutor): BookingAccess {
  const exists = async (column: 'analysis_id' | 'vehicle_id', id: string, orgId: string) => {
    const { rows } = await db.query(`SELECT 1 FROM planning_appointments WHERE ${column}::text = $1 AND org_id::text = $2 AND ${GRANTING} LIMIT 1`, [id, orgId]);
    return rows.length > 0;
  };
  return {
    analysis: (analysisId, orgId) => exists('analysis_id', analysisId, orgId),
    vehicle: (vehicleId, orgId) => exists('vehicle_id', vehicleId, orgId),
  };
}
