import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityModule } from '../../modules/identity/index.ts';
import { vehiclesModule } from '../../modules/vehicles/index.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import { openMigratedPglite, type TestDatabase } from '../../../test/support/databases.ts';
import { migrationsOf } from '../migrations.ts';
import { AWS_TEST_ENV, unclosable } from './aws-env.test-support.ts';
import { httpApiEvent, lambdaContext } from './aws-payloads.test-support.ts';
import { openAwsPlatform } from './aws-platform.ts';
import { createModuleHandler } from './module-handler.ts';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const ENV = AWS_TEST_ENV;

describe('the AWS platform of a function', () => {
  let database: TestDatabase;
  const list = [identityModule, vehiclesModule] as readonly PlatformModule[];

  beforeAll(async () => {
    database = await openMigratedPglite(migrationsOf(list));
  }, 60_000);
  afterAll(() => database?.dispose());

  it('composes the AWS adapters with the SQL database, and a module function answers on it', async () => {
    let opened = 0;
    const handler = createModuleHandler(vehiclesModule, {
      identity: identityModule,
      openPlatform: (modules) => {
        opened++;
        return openAwsPlatform(modules, { env: ENV, openDatabase: async () => unclosable(database.db) });
      },
    });
    const health = await handler(httpApiEvent('GET', '/health'), lambdaContext('novaevo-vehicles'));
    const body = JSON.parse((health as { body: string }).body);
    expect(body).toMatchObject({
      status: 'ok',
      adapters: { kv: 'dynamodb', idempotency: 'dynamodb', timeseries: 'sql', events: 'sql-outbox+eventbridge', scheduler: 'eventbridge-scheduler', blobs: 's3', workflows: 'step-functions', mqtt: 'iot-core' },
    });
    const anonymous = await handler(httpApiEvent('GET', '/v1/vehicles'), lambdaContext('novaevo-vehicles'));
    expect((anonymous as { statusCode: number }).statusCode).toBe(401);
    // Opened once per instance, reused by the next invocation.
    expect(opened).toBe(1);
  });

  it('refuses an environment the stack did not fill, naming the variables', async () => {
    const { TABLE_NAME: _, ...incomplete } = ENV;
    await expect(openAwsPlatform(list, { env: incomplete, openDatabase: async () => unclosable(database.db) })).rejects.toThrow(/TABLE_NAME is required/);
  });
});
