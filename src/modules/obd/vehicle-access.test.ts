import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/principal.ts';
import type { SqlExecutor } from '../../platform/ports/sql.ts';
import { viewableVehicle } from './vehicle-access.ts';

const VEHICLE = '0190d1a0-0000-7000-8000-00000000000a';
const OWNER = '0190d1a0-0000-7000-8000-00000000000b';
// The one vehicle of this fake table, owned by OWNER.
const db: SqlExecutor = {
  query: async <T extends object>(_sql: string, params: readonly unknown[] = []) => {
    const rows = params[0] === VEHICLE ? [{ id: VEHICLE, owner_user_id: OWNER, make: 'Renault', model: 'Clio' }] : [];
    return { rows: rows as unknown as T[], rowCount: rows.length };
  },
  exec: async () => {},
};
const who = (role: Principal['role'], userId: string, orgId?: string): Principal => ({ role, userId, orgId, email: undefined, issuer: 'local' });
const code = (run: Promise<unknown>) => run.then(() => 'seen', (e: { code?: string }) => e.code);

describe('who may see a vehicle', () => {
  it('lets its owner and administrators in, and answers 404 to other owners and unknown ids', async () => {
    expect(await viewableVehicle(db, who('owner', OWNER), VEHICLE)).toEqual({ id: VEHICLE, ownerUserId: OWNER, name: 'Renault Clio' });
    expect(await code(viewableVehicle(db, who('admin', 'a'), VEHICLE))).toBe('seen');
    expect(await code(viewableVehicle(db, who('owner', 'someone-else'), VEHICLE))).toBe('VEHICLE_NOT_FOUND');
    expect(await code(viewableVehicle(db, who('owner', OWNER), 'not-a-uuid'))).toBe('VEHICLE_NOT_FOUND');
  });

  it('lets a pro in only when the access decision (planning: a booking) says so', async () => {
    const garage = who('pro', 'p', 'org-1');
    expect(await code(viewableVehicle(db, garage, VEHICLE))).toBe('VEHICLE_NOT_FOUND');
    const bookedBy = async (vehicleId: string, orgId: string) => vehicleId === VEHICLE && orgId === 'org-1';
    expect(await code(viewableVehicle(db, garage, VEHICLE, bookedBy))).toBe('seen');
    expect(await code(viewableVehicle(db, who('pro', 'q', 'org-2'), VEHICLE, bookedBy))).toBe('VEHICLE_NOT_FOUND');
  });
});
