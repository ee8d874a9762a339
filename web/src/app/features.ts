import { accountFeature } from '../features/account/feature.ts';
import { affiliationFeature } from '../features/affiliation/feature.ts';
import { adminFeature } from '../features/admin/feature.ts';
import { authFeature } from '../features/auth/feature.ts';
import { flashFeature } from '../features/flash/feature.ts';
import { notificationsFeature } from '../features/notifications/feature.ts';
import { vehiclesFeature } from '../features/vehicles/feature.ts';
import { obdFeature } from '../features/obd/feature.ts';
import { nlpFeature } from '../features/nlp/feature.ts';
import { ocrFeature } from '../features/ocr/feature.ts';
import { kbisFeature } from '../features/kbis/feature.ts';
import { planningFeature } from '../features/planning/feature.ts';
import type { Feature } from './feature.ts';

/** Every feature of the app, in navigation order (the account last). A new module's pages are one line here. */
export const features: readonly Feature[] = [authFeature, vehiclesFeature, ocrFeature, nlpFeature, obdFeature, kbisFeature, planningFeature, notificationsFeature, flashFeature, affiliationFeature, adminFeature, accountFeature];
