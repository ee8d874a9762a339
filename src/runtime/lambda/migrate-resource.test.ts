import { describe, expect, it } from 'vitest';
import { sqlAdapters } from '../../../test/support/databases.ts';
import { migrationsOf } from '../migrations.ts';
import { modules } from '../modules.ts';
import { unclosable } from './aws-env.test-support.ts';
import { customResourceEvent, lambdaContext } from './aws-payloads.test-support.ts';
import { createMigrateResourceHandler } from './migrate-resource.ts';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';


for (const adapter of sqlAdapters()) {
  describe.skipIf(!adapter.available)(`migrations custom resource on ${adapter.name}`, () => {
    it('Create applies every migration, Update applies none the second time, Delete keeps the schema; one physical id throughout', async () => {
      const database = await adapter.open();
      try {
        let opened = 0;
        const handler = createMigrateResourceHandler({
          modules,
          openDatabase: async () => {
            opened++;
            return unclosable(database.db);
          },
        });
        const context = lambdaContext('novaevo-migrate', 600_000);
        const all = migrationsOf(modules);
        const created = await handler(customResourceEvent('Create'), context);
        expect(created).toEqual({ PhysicalResourceId: 'novaevo-database-schema', Data: { appliedCount: all.length, latest: all.at(-1)!.id } });
        const updated = await handler(customResourceEvent('Update', created.PhysicalResourceId), context);
        expect(updated).toEqual({ PhysicalResourceId: created.PhysicalResourceId, Data: { appliedCount: 0, latest: all.at(-1)!.id } });
        const deleted = await handler(customResourceEvent('Delete', created.PhysicalResourceId), context);
        expect(deleted.PhysicalResourceId).toBe(created.PhysicalResourceId);
        // Delete opened nothing, and the schema is still there.
        expect(opened).toBe(2);
        const { rows } = await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM vehicles');
        expect(rows[0]!.n).toBe(0);
      } finally {
        await database.dispose();
      }
    }, 120_000);
  });
}
