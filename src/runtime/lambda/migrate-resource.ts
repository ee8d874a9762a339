import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { migrate } from '../../platform/migrations.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import { migrationsOf } from '../migrations.ts';
import { instrumented, instrumentsFor, type LambdaHandler } from './instrumentation.ts';

/** What the CDK Provider framework expects back from an onEvent handler. */
export interface CustomResourceResponse {
  PhysicalResourceId: string;
  Data: { appliedCount: number; latest: string };
}

// One physical resource for the schema of the stack's database: an Update never replaces it
// (a changed id would make CloudFormation Delete the old one).
const PHYSICAL_ID = 'novaevo-database-schema';

/**
 * The migrations custom resource (CDK Provider framework, `onEvent`): Create and Update apply
 * the platform's and every module's migrations (the ones not yet applied, in order, each in its
 * own transaction); Delete does nothing — the data outlives the stack's resource, and the
 * cluster's own removal policy decides its fate. A failed migration throws: the Provider
 * reports FAILED and CloudFormation rolls the deployment back.
 */
export function createMigrateResourceHandler(options: {
  modules: readonly PlatformModule[];
  openDatabase: () => Promise<SqlDatabase>;
}): LambdaHandler<CloudFormationCustomResourceEvent, CustomResourceResponse> {
  const migrations = migrationsOf(options.modules);
  const latest = migrations.at(-1)?.id ?? '';
  const run = async (event: CloudFormationCustomResourceEvent): Promise<CustomResourceResponse> => {
    if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId, Data: { appliedCount: 0, latest } };
    const db = await options.openDatabase();
    try {
      const applied = await migrate(db, migrations);
      return { PhysicalResourceId: PHYSICAL_ID, Data: { appliedCount: applied.length, latest } };
    } finally {
      await db.close();
    }
  };
  return instrumented(instrumentsFor('novaevo-migrate'), (e) => `migrate${e.RequestType}`, run);
}
