import type { PlatformModule } from '../../platform/module/module.ts';
import { adminRoutes } from './routes.ts';

/** Operations on the platform itself, for admins (dead letters). */
export const adminModule: PlatformModule = {
  name: 'admin',
  migrations: [],
  async init(ctx) {
    return { routes: adminRoutes({ kit: ctx.http, bus: ctx.bus }) };
  },
};
