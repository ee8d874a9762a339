import { adminModule } from '../modules/admin/index.ts';
import { identityModule } from '../modules/identity/index.ts';
import { vehiclesModule } from '../modules/vehicles/index.ts';
import { obdModule } from '../modules/obd/index.ts';
import { nlpModule } from '../modules/nlp/index.ts';
import { ocrModule } from '../modules/ocr/index.ts';
import { kbisModule } from '../modules/kbis/index.ts';
import { planningModule } from '../modules/planning/index.ts';
import { flashModule } from '../modules/flash/index.ts';
import { affiliationModule } from '../modules/affiliation/index.ts';
import type { PlatformModule } from '../platform/module/module.ts';

/**
 * Every module the platform runs, in start order. Identity comes first: it provides the
 * identity face the others receive. A new module is one line here.
 */
export const modules: readonly PlatformModule[] = [identityModule, vehiclesModule, ocrModule, obdModule, nlpModule, kbisModule, planningModule, flashModule, affiliationModule, adminModule] as readonly PlatformModule[];
