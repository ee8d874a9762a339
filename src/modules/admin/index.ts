import type { PlatformModule } from '../../runtime/module.ts';
import { adminRoutes } from './routes.ts';

/** Operations on the platform itself, for admins (dead letters). */
export const adminModule: PlatformModule = {
  name: 'admin',
  migrations: [],
  async init({ platform, verifier }) {
    return { routes: adminRoutes({ verifier, events: platform.events }) };
  },
};
