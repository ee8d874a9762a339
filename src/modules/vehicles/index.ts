import type { PlatformModule } from '../../platform/module/module.ts';
import { vehicleEvents } from './events.ts';
import { vehicleMigrations } from './migrations.ts';
import { vehicleRoutes } from './routes.ts';
import { VehicleService } from './vehicle-service.ts';

export type { Vehicle } from './schemas.ts';

/** What other modules may do with vehicles (`ctx.faceOf<VehiclesFace>('vehicles')`). */
export type VehiclesFace = Pick<VehicleService, 'saveFromCertificate'>;
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
    const face: VehiclesFace = { saveFromCertificate: (p, v) => service.saveFromCertificate(p, v) };
    return { routes: vehicleRoutes({ service, kit: ctx.http }), face };
  },
};
