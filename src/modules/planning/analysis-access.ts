import type { SqlExecutor } from '../../platform/ports/sql.ts';

/**
 * Whether a professional's organisation may see something of an owner's: `id` (a vehicle, an
 * analysis) belongs to `ownerUserId`, as the asking module knows from its own data.
 */
export type OrganisationAccess = (id: string, orgId: string, ownerUserId: string) => Promise<boolean>;

/** What a professional may see because the owner booked them: the NLP analysis and the vehicle. */
export interface BookingAccess {
  /** The owner's NLP analysis is attached to one of the organisation's bookings (NLP's `proAccess`). */
  analysis: OrganisationAccess;
  /** The vehicle is on one of the organisation's bookings (OBD's `proAccess`). */
  vehicle: OrganisationAccess;
}

// A booking the garage has to work on grants access; a hold (any owner can place one, and it
// lapses), an expired, cancelled or declined one does not.
const GRANTING = `status IN ('requested', 'confirmed', 'proposed', 'completed')`;

/**
 * Planning's public face for the modules whose data a booked garage may read. The booking must
 * be the owner's own: an id of someone else's vehicle written into a booking grants nothing.
 *
 * @example
 * const mayRead = await bookingAccess(ctx.db).analysis(analysisId, principal.orgId, analysis.userId); // true
 */
export function bookingAccess(db: SqlExecutor): BookingAccess {
  const exists = async (column: 'analysis_id' | 'vehicle_id', id: string, orgId: string, ownerUserId: string) => {
    const { rows } = await db.query(
      `SELECT 1 FROM planning_appointments WHERE ${column}::text = $1 AND org_id::text = $2 AND owner_user_id::text = $3 AND ${GRANTING} LIMIT 1`,
      [id, orgId, ownerUserId],
    );
    return rows.length > 0;
  };
  return {
    analysis: (analysisId, orgId, ownerUserId) => exists('analysis_id', analysisId, orgId, ownerUserId),
    vehicle: (vehicleId, orgId, ownerUserId) => exists('vehicle_id', vehicleId, orgId, ownerUserId),
  };
}
