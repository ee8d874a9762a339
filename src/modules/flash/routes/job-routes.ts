import { createRoute, z } from '@hono/zod-openapi';
import { conflict, notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/ids.ts';
import { keysetPage, PageQuerySchema, pageSchema } from '../../../platform/http/pagination.ts';
import { problemContent } from '../../../platform/http/problem.ts';
import { jsonBody, jsonContent, type RouteKit } from '../../../platform/http/route-kit.ts';
import { createApiRouter, type ApiRouter } from '../../../platform/http/router.ts';
import type { BlobStore } from '../../../platform/ports/blob-store.ts';
import type { SqlDatabase } from '../../../platform/ports/sql.ts';
import type { Clock } from '../../../platform/clock.ts';
import { text } from '../../../platform/validation/text.ts';
import { jobEventSchema } from '../job/job-events.ts';
import { packageReleasable } from '../job/job-state.ts';
import { manifestSchema } from '../package/manifest.ts';
import { backupKey, type JobService } from '../service/job-service.ts';
import type { ManifestSigner } from '../service/manifest-signer.ts';
import type { AuditStore } from '../store/audit-store.ts';
import type { FirmwareStore } from '../store/firmware-store.ts';
import type { JobRecord, JobStore } from '../store/job-store.ts';
import { AuditEntrySchema, JobSchema, SignedUrlSchema, toAuditEntry, toJob } from './schemas.ts';

const Params = z.object({ id: z.string().max(64) });
const CreateJob = z.object({ vin: text({ max: 17 }), ecuHardware: text({ max: 64 }), ecuSoftware: text({ max: 64 }), firmwareId: z.string().uuid() });
const PackageSchema = z
  .object({
    manifest: manifestSchema,
    signature: z.string(),
    publicKey: z.string(),
    baseAddress: z.number().int().nullable(),
    download: SignedUrlSchema,
  })
  .openapi('FlashPackage');

interface Deps {
  kit: RouteKit;
  service: JobService;
  jobs: JobStore;
  firmwares: FirmwareStore;
  audit: AuditStore;
  blobs: BlobStore;
  signer: ManifestSigner;
  db: SqlDatabase;
  clock: Clock;
  urlTtlSeconds: number;
}

const guard = { roles: ['pro', 'admin'], verifiedPro: true } as const;

/** /v1/flash/jobs: jobs of verified pros, the agent's reports, the package and the backup. */
export function jobRoutes(d: Deps): ApiRouter {
  const r = createApiRouter();
  const view = async (job: JobRecord) => toJob(job, (await d.firmwares.get(job.firmwareId))!);
  const signed = async (key: string, method: 'GET' | 'PUT') => {
    const url = await d.blobs.signedUrl(key, { method, expiresInSeconds: d.urlTtlSeconds, ...(method === 'PUT' ? { contentType: 'application/json' } : {}) });
    return { url, expiresAt: new Date(d.clock.now().getTime() + d.urlTtlSeconds * 1000).toISOString() };
  };

  r.openapi(
    createRoute(
      d.kit.protectedRoute({ roles: ['pro'], verifiedPro: true, idempotent: true }, {
        method: 'post', path: '/flash/jobs', tags: ['flash'], summary: 'Create a flash job after the compatibility check',
        request: { body: jsonBody(CreateJob) },
        responses: { 201: jsonContent(JobSchema, 'The job, awaiting the precheck'), 404: problemContent('FIRMWARE_NOT_FOUND'), 422: problemContent('INCOMPATIBLE_FIRMWARE (with the reasons)') },
      }),
    ),
    async (c) => {
      const job = await d.service.create(c.get('principal'), c.req.valid('json'));
      c.header('Location', `/v1/flash/jobs/${job.id}`);
      return c.json(await view(job), 201);
    },
  );

  r.openapi(
    createRoute(
      d.kit.protectedRoute(guard, {
        method: 'get', path: '/flash/jobs', tags: ['flash'], summary: "The organisation's jobs (all for an admin), oldest first",
        request: { query: PageQuerySchema },
        responses: { 200: jsonContent(pageSchema(JobSchema, 'FlashJobPage'), 'A page of jobs'), 400: problemContent('CURSOR_INVALID') },
      }),
    ),
    async (c) => {
      const p = c.get('principal');
      const page = await keysetPage(c.req.valid('query'), isUuid, (after, n) => d.jobs.list(d.db, p.role === 'admin' ? null : (p.orgId ?? null), after, n));
      return c.json({ items: await Promise.all(page.items.map(view)), next_cursor: page.nextCursor }, 200);
    },
  );

  r.openapi(
    createRoute(
      d.kit.protectedRoute(guard, {
        method: 'get', path: '/flash/jobs/{id}', tags: ['flash'], summary: 'One job: state, step, blocks, read-back',
        request: { params: Params }, responses: { 200: jsonContent(JobSchema, 'The job'), 404: problemContent('FLASH_JOB_NOT_FOUND') },
      }),
    ),
    async (c) => c.json(await view(await d.service.get(c.get('principal'), c.req.valid('param').id)), 200),
  );

  r.openapi(
    createRoute(
      d.kit.protectedRoute({ roles: ['pro'], verifiedPro: true }, {
        method: 'post', path: '/flash/jobs/{id}/events', tags: ['flash'], summary: "The agent's report: precheck, backup, progress, result or failure",
        request: { params: Params, body: jsonBody(jobEventSchema) },
        responses: { 200: jsonContent(JobSchema, 'The job after the event'), 404: problemContent('FLASH_JOB_NOT_FOUND'), 409: problemContent('FLASH_EVENT_OUT_OF_ORDER, BACKUP_NOT_UPLOADED') },
      }),
    ),
    async (c) => c.json(await view(await d.service.report(c.get('principal'), c.req.valid('param').id, c.req.valid('json'))), 200),
  );

  r.openapi(
    createRoute(
      d.kit.protectedRoute({ roles: ['pro'], verifiedPro: true }, {
        method: 'get', path: '/flash/jobs/{id}/package', tags: ['flash'], summary: 'The signed manifest and a short-lived download URL, only while the job is ready',
        request: { params: Params },
        responses: { 200: jsonContent(PackageSchema, 'The package'), 404: problemContent('FLASH_JOB_NOT_FOUND'), 409: problemContent('PACKAGE_NOT_RELEASABLE') },
      }),
    ),
    async (c) => {
      const job = await d.service.get(c.get('principal'), c.req.valid('param').id);
      if (!packageReleasable(job.state)) throw conflict('PACKAGE_NOT_RELEASABLE', `The package is released only once the job is ready (it is ${job.status}).`, { status: job.status });
      const f = (await d.firmwares.get(job.firmwareId))!;
      return c.json({ manifest: f.manifest, signature: f.signature, publicKey: await d.signer.publicKeyPem(), baseAddress: f.baseAddress, download: await signed(f.blobKey, 'GET') }, 200);
    },
  );

  r.openapi(
    createRoute(
      d.kit.protectedRoute({ roles: ['pro'], verifiedPro: true }, {
        method: 'post', path: '/flash/jobs/{id}/backup/upload-url', tags: ['flash'], summary: 'Where the agent uploads the original memory (once: a saved backup is never replaced)',
        request: { params: Params },
        responses: { 200: jsonContent(SignedUrlSchema, 'A signed PUT URL (application/json)'), 404: problemContent('FLASH_JOB_NOT_FOUND'), 409: problemContent('BACKUP_EXISTS, BACKUP_NOT_EXPECTED') },
      }),
    ),
    async (c) => {
      const job = await d.service.get(c.get('principal'), c.req.valid('param').id);
      if (job.state.backup !== undefined || (await d.blobs.head(backupKey(job.id)))) throw conflict('BACKUP_EXISTS', 'This job already keeps a backup.');
      if (job.status !== 'awaiting_backup') throw conflict('BACKUP_NOT_EXPECTED', `A backup is taken while the job awaits it (it is ${job.status}).`);
      return c.json(await signed(backupKey(job.id), 'PUT'), 200);
    },
  );

  r.openapi(
    createRoute(
      d.kit.protectedRoute({ roles: ['pro', 'admin'], verifiedPro: true }, {
        method: 'get', path: '/flash/jobs/{id}/backup', tags: ['flash'], summary: "A signed URL to the job's backup (resume, rollback)",
        request: { params: Params }, responses: { 200: jsonContent(SignedUrlSchema, 'A signed GET URL'), 404: problemContent('FLASH_JOB_NOT_FOUND, BACKUP_NOT_FOUND') },
      }),
    ),
    async (c) => {
      const job = await d.service.get(c.get('principal'), c.req.valid('param').id);
      if (!(await d.blobs.head(backupKey(job.id)))) throw notFound('BACKUP_NOT_FOUND', 'This job keeps no backup yet.');
      return c.json(await signed(backupKey(job.id), 'GET'), 200);
    },
  );

  r.openapi(
    createRoute(
      d.kit.protectedRoute(guard, {
        method: 'get', path: '/flash/jobs/{id}/audit', tags: ['flash'], summary: "The job's audit trail, oldest first",
        request: { params: Params }, responses: { 200: jsonContent(z.object({ items: z.array(AuditEntrySchema) }), 'Its entries'), 404: problemContent('FLASH_JOB_NOT_FOUND') },
      }),
    ),
    async (c) => {
      const job = await d.service.get(c.get('principal'), c.req.valid('param').id);
      return c.json({ items: (await d.audit.ofJob(d.db, job.id)).map(toAuditEntry) }, 200);
    },
  );
  return r;
}
