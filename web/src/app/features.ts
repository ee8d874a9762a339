import { accountFeature } from '../features/account/feature.ts';
import { adminFeature } from '../features/admin/feature.ts';
import { authFeature } from '../features/auth/feature.ts';
import { notificationsFeature } from '../features/notifications/feature.ts';
import { vehiclesFeature } from '../features/vehicles/feature.ts';
import type { Feature } from './feature.ts';

/** Every feature of the app, in navigation order (the account last). A new module's pages are one line here. */
export const features: readonly Feature[] = [authFeature, vehiclesFeature, notificationsFeature, adminFeature, accountFeature];
