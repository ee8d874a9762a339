import type { PlatformModule } from '../../runtime/module.ts';
import { vehicleMigrations } from './migrations.ts';
import { vehicleRoutes } from './routes.ts';
import { VehicleService } from './vehicle-service.ts';

export type { Vehicle } from './schemas.ts';
export { parseVin } from './vin.ts';
export { parsePlate } from './plate.ts';

/** Vehicles of owners and of professionals' organisations; publishes `vehicle.registered`. */
export const vehiclesModule: PlatformModule = {
  name: 'vehicles',
  migrations: vehicleMigrations,
  async init({ platform, verifier, idempotent }) {
    const service = new VehicleService({ db: platform.db, clock: platform.clock, events: platform.events });
    return { routes: vehicleRoutes({ service, verifier, idempotent }) };
  },
};
