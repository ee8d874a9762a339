import { adminModule } from '../modules/admin/index.ts';
import { vehiclesModule } from '../modules/vehicles/index.ts';
import type { PlatformModule } from './module.ts';

/** Every feature module the platform runs, in start order. A new module is one line here. */
export const modules: readonly PlatformModule[] = [vehiclesModule, adminModule];
