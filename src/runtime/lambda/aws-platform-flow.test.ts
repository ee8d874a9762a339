import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityModule } from '../../modules/identity/index.ts';
import { kbisModule } from '../../modules/kbis/index.ts';
import { sampleCompany } from '../../modules/kbis/corpus/company-samples.ts';
import { kbisPdf } from '../../modules/kbis/corpus/kbis-pdf.ts';
import { SeededRandom } from '../../modules/kbis/corpus/seeded-random.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import { openMigratedPglite, type TestDatabase } from '../../../test/support/databases.ts';
import { nextSiren } from '../../../test/support/module-harness.ts';
import { migrationsOf } from '../migrations.ts';
import { AWS_TEST_ENV, unclosable } from './aws-env.test-support.ts';
import { httpApiEvent, lambdaContext } from './aws-payloads.test-support.ts';
import { openAwsPlatform } from './aws-platform.ts';
import { createModuleHandler } from './module-handler.ts';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

// The SDK clients answer as AWS documents; no request leaves the process.
const s3 = mockClient(S3Client);
const eventBridge = mockClient(EventBridgeClient);
const sns = mockClient(SNSClient);
const sfn = mockClient(SFNClient);


describe('module functions on the AWS platform (SDK clients answering as AWS does)', () => {
  let database: TestDatabase;
  const list = [identityModule, kbisModule] as readonly PlatformModule[];
  const open = (modules: readonly PlatformModule[]) => openAwsPlatform(modules, { env: AWS_TEST_ENV, openDatabase: async () => unclosable(database.db) });
  const identity = createModuleHandler(identityModule, { identity: identityModule, openPlatform: open });
  const kbis = createModuleHandler(kbisModule, { identity: identityModule, openPlatform: open });
  const call = async (handler: typeof kbis, event: unknown) => {
    const res = (await handler(event, lambdaContext('novaevo-test'))) as { statusCode: number; body: string };
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
  };

  beforeAll(async () => {
    database = await openMigratedPglite(migrationsOf(list));
    s3.on(PutObjectCommand).resolves({ ETag: '"0cc175b9c0f1b6a831c399e269772661"' });
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('Not Found'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }));
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '11710aed-b79e-4468-a20b-bb3c0c3b4860' }] });
    sns.on(PublishCommand).resolves({ MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e' });
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:aws:states:eu-west-3:123456789012:execution:novaevo-kbis-verify:x', startDate: new Date() });
  }, 60_000);
  afterAll(() => database?.dispose());

  it('a sign-up sends its email through SNS, a KBIS upload goes to the documents bucket and its event to EventBridge before the function answers; delivered back, it starts the Step Functions execution', async () => {
    const email = `pro-${Math.random().toString(36).slice(2, 8)}@example.fr`;
    const company = { name: 'Garage du Centre', siren: nextSiren() };
    const reg = await call(identity, httpApiEvent('POST', '/v1/auth/register', { body: { email, password: 'a-long-enough-password', role: 'pro', name: 'Test', company } }));
    expect(reg.status).toBe(202);
    // The verification email left through SNS within the same invocation.
    const published = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(published.some((p) => p.TopicArn === AWS_TEST_ENV.PRO_TOPIC_ARN || p.TopicArn === AWS_TEST_ENV.OWNER_TOPIC_ARN)).toBe(true);

    const token = (await call(identity, httpApiEvent('POST', '/v1/auth/token', { body: { email, password: 'a-long-enough-password' } }))).body.access_token as string;
    const sample = sampleCompany(new SeededRandom(3), new Date(), 10);
    sample.spec.fields.siren = company.siren;
    sample.spec.fields.companyName = company.name.toUpperCase();
    const form = new FormData();
    form.set('document', new Blob([new Uint8Array(await kbisPdf(sample.spec, new Date(Date.parse(`${sample.spec.fields.currentTo}T08:00:00Z`))))], { type: 'application/pdf' }), 'kbis.pdf');
    const multipart = new Request('https://x.invalid', { method: 'POST', body: form });
    const upload = await call(kbis, httpApiEvent('POST', '/v1/pro/verifications', { token, raw: { bytes: new Uint8Array(await multipart.arrayBuffer()), contentType: multipart.headers.get('content-type')! } }));
    expect(upload).toMatchObject({ status: 202, body: { status: 'pending' } });

    const put = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(put).toEqual([expect.objectContaining({ Bucket: AWS_TEST_ENV.DOCUMENTS_BUCKET, ContentType: 'application/pdf', ServerSideEncryption: 'aws:kms' })]);
    expect(put[0]!.Key).toMatch(/^kbis\//);
    const entries = eventBridge.commandCalls(PutEventsCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    const submitted = entries.find((e) => e.DetailType === 'kbis.verification-submitted');
    expect(submitted).toMatchObject({ Source: 'kbis', EventBusName: AWS_TEST_ENV.EVENT_BUS_NAME });
    const detail = JSON.parse(submitted!.Detail!);
    expect(detail.data).toMatchObject({ verificationId: upload.body.id });

    // EventBridge's rule hands the event to the function: the subscription starts the workflow on Step Functions.
    const delivered = await kbis({ version: '0', id: 'eb-1', 'detail-type': submitted!.DetailType, source: submitted!.Source, account: '123456789012', time: new Date().toISOString(), region: 'eu-west-3', resources: [], detail }, lambdaContext('novaevo-kbis'));
    expect(delivered).toEqual({ delivered: ['kbis.on-kbis-verification-submitted'] });
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input)).toEqual([
      { stateMachineArn: `${AWS_TEST_ENV.STATE_MACHINE_ARN_PREFIX}kbis-verify`, name: `kbis-${upload.body.id}`, input: JSON.stringify({ verificationId: upload.body.id }) },
    ]);
  }, 60_000);
});
