import { createRoute, z } from '@hono/zod-openapi';
import { isUuid } from '../../platform/ids.ts';
import { keysetPage, pageBody, PageQuerySchema, pageSchema } from '../../platform/http/pagination.ts';
import { problemContent } from '../../platform/http/problem.ts';
import { jsonBody, jsonContent, type RouteKit } from '../../platform/http/route-kit.ts';
import { createApiRouter, type ApiRouter } from '../../platform/http/router.ts';
import type { TypedPublisher } from '../../platform/module/events.ts';
import type { BlobStore } from '../../platform/ports/blob-store.ts';
import type { SqlExecutor } from '../../platform/ports/sql.ts';
import { text } from '../../platform/validation/text.ts';
import { notFound } from '../../platform/errors.ts';
import type { kbisEvents } from './events.ts';
import { uploadedFile } from './pro-routes.ts';
import { toVerification, VerificationSchema, VerificationStatusSchema, type VerificationRow } from './verification/verification-record.ts';
import type { VerificationService } from './verification/verification-service.ts';
import type { VerificationStore } from './verification/verification-store.ts';

const IdParams = z.object({ id: z.string().max(64) });
const DecisionBody = z.object({ decision: z.enum(['verified', 'rejected']), comment: text({ max: 2000, min: 0, multiline: true }).optional() }).openapi('KbisAdminDecision');
const AuditSchema = z.object({ decision: z.string(), actor: z.string(), comment: z.string().nullable(), at: z.string(), reasons: z.array(z.string()) });
const CaseSchema = VerificationSchema.extend({ documentUrl: z.string().nullable(), audit: z.array(AuditSchema), registry: z.unknown() }).openapi('KbisReviewCase');
const ImportSchema = z.object({ source: z.string(), status: z.string(), rows: z.number(), skipped: z.number(), bytesDone: z.number(), totalBytes: z.number().nullable(), error: z.string().nullable() }).openapi('KbisRegistryImport');

/** /v1/admin/verifications and /v1/admin/registry: the review queue, decisions and registry uploads. */
export function adminRoutes(deps: { kit: RouteKit; service: VerificationService; store: VerificationStore; blobs: BlobStore; db: SqlExecutor; events: TypedPublisher<typeof kbisEvents>; ids: { newId(): string } }): ApiRouter {
  const { kit, service, store } = deps;
  const r = createApiRouter();

  const reviewCase = async (row: VerificationRow) => ({
    ...toVerification(row),
    documentUrl: row.document_deleted_at ? null : await deps.blobs.signedUrl(row.document_key, { method: 'GET', expiresInSeconds: 300 }),
    audit: (await store.decisions(row.id)).map((d) => ({ ...d, at: d.at.toISOString() })),
    registry: row.registry,
  });

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['admin'] }, {
        method: 'get',
        path: '/admin/verifications',
        tags: ['kbis'],
        summary: 'The review queue (oldest first), or verifications of any status',
        request: { query: PageQuerySchema.extend({ status: VerificationStatusSchema.optional() }) },
        responses: { 200: jsonContent(pageSchema(VerificationSchema, 'KbisQueuePage'), 'A page of verifications'), 400: problemContent('VALIDATION_FAILED, CURSOR_INVALID') },
      }),
    ),
    async (c) => {
      const query = c.req.valid('query');
      const page = await keysetPage(query, isUuid, (after, n) => store.listByStatus(query.status, after, n));
      return c.json(pageBody(page, (v: VerificationRow) => toVerification(v)), 200);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['admin'] }, {
        method: 'get',
        path: '/admin/verifications/{id}',
        tags: ['kbis'],
        summary: 'One case: document (signed URL), extracted fields, checks, registry answer and audit',
        request: { params: IdParams },
        responses: { 200: jsonContent(CaseSchema, 'The case'), 404: problemContent('VERIFICATION_NOT_FOUND') },
      }),
    ),
    async (c) => c.json(await reviewCase(await service.get(c.get('principal'), c.req.valid('param').id)), 200),
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['admin'] }, {
        method: 'post',
        path: '/admin/verifications/{id}/decision',
        tags: ['kbis'],
        summary: 'Approve or reject a verification, with a comment kept in the audit',
        request: { params: IdParams, body: jsonBody(DecisionBody) },
        responses: { 200: jsonContent(CaseSchema, 'The decided case'), 404: problemContent('VERIFICATION_NOT_FOUND'), 409: problemContent('VERIFICATION_PENDING') },
      }),
    ),
    async (c) => {
      const { decision, comment } = c.req.valid('json');
      const row = await service.adminDecide(c.get('principal'), c.req.valid('param').id, decision, comment || null);
      return c.json(await reviewCase(row), 200);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['admin'] }, {
        method: 'post',
        path: '/admin/registry/imports',
        tags: ['kbis'],
        summary: 'Upload a SIRENE StockUniteLegale CSV (or an extract of it) into the local registry',
        description: 'Multipart field `file`, up to the upload limit; the import runs in the background, resumable. The full national file is imported with `npx novaevo registry import`.',
        request: { body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: z.custom<File>((v) => v instanceof File).openapi({ type: 'string', format: 'binary' }) }) } } } },
        responses: { 202: jsonContent(z.object({ id: z.string() }), 'Import queued'), 400: problemContent('DOCUMENT_REQUIRED, MULTIPART_INVALID') },
      }),
    ),
    async (c) => {
      const file = await uploadedFile(c.req.parseBody(), 'file');
      const id = deps.ids.newId();
      const key = `kbis/registry-imports/${id}.csv`;
      const body = new Uint8Array(await file.arrayBuffer());
      await deps.blobs.put(key, body, { contentType: 'text/csv' });
      await deps.events.publish('kbis.registry-upload-received', { blobKey: key, size: body.length }, { subject: id });
      c.header('Location', `/v1/admin/registry/imports/${id}`);
      return c.json({ id }, 202);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['admin'] }, {
        method: 'get',
        path: '/admin/registry/imports/{id}',
        tags: ['kbis'],
        summary: 'Progress of an uploaded registry import',
        request: { params: IdParams },
        responses: { 200: jsonContent(ImportSchema, 'Where it stands'), 404: problemContent('IMPORT_NOT_FOUND') },
      }),
    ),
    async (c) => {
      const id = c.req.valid('param').id;
      const { rows } = await deps.db.query<{ source: string; status: string; rows_done: number; skipped: number; bytes_done: number; total_bytes: number | null; error: string | null }>(
        'SELECT * FROM kbis_registry_imports WHERE source = $1',
        [`kbis/registry-imports/${isUuid(id) ? id : 'none'}.csv`],
      );
      const i = rows[0];
      if (!i) throw notFound('IMPORT_NOT_FOUND', 'No such import (it may still be queued).');
      return c.json({ source: i.source, status: i.status, rows: i.rows_done, skipped: i.skipped, bytesDone: i.bytes_done, totalBytes: i.total_bytes, error: i.error }, 200);
    },
  );
  return r;
}
