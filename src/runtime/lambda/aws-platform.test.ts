import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityModule } from '../../modules/identity/index.ts';
import { vehiclesModule } from '../../modules/vehicles/index.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import { openMigratedPglite, type TestDatabase } from '../../../test/support/databases.ts';
import { migrationsOf } from '../migrations.ts';
import { httpApiEvent, lambdaContext } from './aws-payloads.test-support.ts';
import { openAwsPlatform } from './aws-platform.ts';
import { createModuleHandler } from './module-handler.ts';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

// What the CDK stack sets on every function (no call reaches AWS in this test).
const ENV = {
  AWS_REGION: 'eu-west-3',
  TABLE_NAME: 'novaevo',
  DOCUMENTS_BUCKET: 'novaevo-documents',
  FIRMWARE_BUCKET: 'novaevo-firmware',
  EVENT_BUS_NAME: 'novaevo',
  SCHEDULER_GROUP: 'novaevo',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/novaevo-scheduler',
  SCHEDULER_TARGET_ARN: 'arn:aws:events:eu-west-3:123456789012:event-bus/novaevo',
  OWNER_TOPIC_ARN: 'arn:aws:sns:eu-west-3:123456789012:novaevo-owners',
  PRO_TOPIC_ARN: 'arn:aws:sns:eu-west-3:123456789012:novaevo-pros',
  STATE_MACHINE_ARN_PREFIX: 'arn:aws:states:eu-west-3:123456789012:stateMachine:novaevo-',
  IOT_ENDPOINT: 'a1b2c3d4e5f6g7-ats.iot.eu-west-3.amazonaws.com',
  NOVAEVO_PUBLIC_URL: 'https://api.novaevo.test',
  LOG_LEVEL: 'silent',
};

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
        // The database handle stays open for the suite: the platform's close would end it.
        return openAwsPlatform(modules, { env: ENV, openDatabase: async () => ({ ...database.db, close: async () => undefined }) });
      },
    });
    const health = await handler(httpApiEvent('GET', '/health'), lambdaContext('novaevo-vehicles'));
    const body = JSON.parse((health as { body: string }).body);
    expect(body).toMatchObject({ status: 'ok', adapters: { kv: 'dynamodb', idempotency: 'dynamodb', timeseries: 'sql' } });
    const anonymous = await handler(httpApiEvent('GET', '/v1/vehicles'), lambdaContext('novaevo-vehicles'));
    expect((anonymous as { statusCode: number }).statusCode).toBe(401);
    // Opened once per instance, reused by the next invocation.
    expect(opened).toBe(1);
  });

  it('refuses an environment the stack did not fill, naming the variables', async () => {
    const { TABLE_NAME: _, ...incomplete } = ENV;
    await expect(openAwsPlatform(list, { env: incomplete, openDatabase: async () => database.db })).rejects.toThrow(/TABLE_NAME is required/);
  });
});
