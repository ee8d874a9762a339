import type { Principal } from '../../platform/auth/principal.ts';
import { AppError } from '../../platform/errors.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import { vehicleEvents } from './events.ts';
import { vehicleMigrations } from './migrations.ts';
import { vehicleRoutes } from './routes.ts';
import { VehicleService } from './vehicle-service.ts';

export type { Vehicle } from './schemas.ts';

/** What other modules may do with vehicles (`ctx.faceOf<VehiclesFace>('vehicles')`). */
export interface VehiclesFace extends Pick<VehicleService, 'saveFromCertificate'> {
  /** True when the caller may see this vehicle (their own, their organisation's; any for an admin). */
  isVisibleTo(p: Principal, vehicleId: string): Promise<boolean>;
}
export { vehicleEvents } from './events.ts';
export { parseVin } from './vin.ts';
export { parsePlate } from './plate.ts';

/** Vehicles of owners and of professionals' organisations; publishes `vehicles.registered`. */
export const vehiclesModule: PlatformModule<undefined, typeof vehicleEvents> = {
  name: 'vehicles',
  migrations: vehicleMigrations,
  events: vehicleEvents,
  async init(ctx) {
    const service = new VehicleService({ db: ctx.db, clock: ctx.clock, events: ctx.events });
    const face: VehiclesFace = {
      saveFromCertificate: (p, v) => service.saveFromCertificate(p, v),
      isVisibleTo: (p, id) => service.get(p, id).then(() => true, (err: unknown) => (err instanceof AppError && err.status === 404 ? false : Promise.reject(err))),
    };
    return { routes: vehicleRoutes({ service, kit: ctx.http }), face };
  },
};
