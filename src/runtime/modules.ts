import { adminModule } from '../modules/admin/index.ts';
import { identityModule } from '../modules/identity/index.ts';
import { vehiclesModule } from '../modules/vehicles/index.ts';
import { createObdModule } from '../modules/obd/index.ts';
import { analysisReader, createNlpModule } from '../modules/nlp/index.ts';
import { ocrModule } from '../modules/ocr/index.ts';
import { kbisModule } from '../modules/kbis/index.ts';
import { bookingAccess, createPlanningModule } from '../modules/planning/index.ts';
import { flashModule } from '../modules/flash/index.ts';
import { affiliationModule } from '../modules/affiliation/index.ts';
import type { PlatformModule } from '../platform/module/module.ts';

// Modules never import each other's internals: where one reads another's data, the runtime
// hands it the other's public face here. Planning scores bookings with the NLP analysis's
// urgency; a garage booked by an owner may read that owner's analysis and vehicle telemetry.
const planningModule = createPlanningModule({ analysisUrgency: (db) => analysisReader(db).urgencyFor });
const nlpModule = createNlpModule({ proAccess: (db) => bookingAccess(db).analysis });
const obdModule = createObdModule({ proAccess: (db) => bookingAccess(db).vehicle });

/**
 * Every module the platform runs, in start order. Identity comes first: it provides the
 * identity face the others receive. A new module is one line here.
 */
export const modules: readonly PlatformModule[] = [identityModule, vehiclesModule, ocrModule, obdModule, nlpModule, kbisModule, planningModule, flashModule, affiliationModule, adminModule] as readonly PlatformModule[];
