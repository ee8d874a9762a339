import { createRoute, z } from '@hono/zod-openapi';
import { AppError, badRequest } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { keysetPage, pageBody, PageQuerySchema, pageSchema } from '../../platform/http/pagination.ts';
import { problemContent } from '../../platform/http/problem.ts';
import { jsonContent, type RouteKit } from '../../platform/http/route-kit.ts';
import { createApiRouter, type ApiRouter } from '../../platform/http/router.ts';
import { toVerification, VerificationSchema, type VerificationRow } from './verification/verification-record.ts';
import type { VerificationService } from './verification/verification-service.ts';
import type { VerificationStore } from './verification/verification-store.ts';

const IdParams = z.object({ id: z.string().max(64) });
const DocumentUrlSchema = z.object({ url: z.string(), expiresAt: z.string() }).openapi('KbisDocumentUrl');
const UploadSchema = z.object({
  document: z.custom<File>((v) => v instanceof File, 'must be a file').openapi({ type: 'string', format: 'binary', description: 'The Kbis extract: PDF, PNG or JPEG, at most 10 MB' }),
});

/** The route paths that take multipart uploads (raw bodies, the upload size limit). */
export const KBIS_UPLOAD_PREFIXES = ['/pro/verifications', '/admin/registry/imports'];

/** /v1/pro/verifications: a pro submits its Kbis and follows the verification. */
export function proRoutes(deps: { kit: RouteKit; service: VerificationService; store: VerificationStore }): ApiRouter {
  const { kit, service, store } = deps;
  const r = createApiRouter();

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['pro'], idempotent: true }, {
        method: 'post',
        path: '/pro/verifications',
        tags: ['kbis'],
        summary: 'Submit a Kbis extract for verification',
        description: 'Multipart form with the field `document`. The verification runs in the background: follow it with GET /v1/pro/verifications/{id}.',
        request: { body: { required: true, content: { 'multipart/form-data': { schema: UploadSchema } } } },
        responses: {
          202: jsonContent(z.object({ id: z.string(), status: z.literal('pending') }), 'Accepted; verification running'),
          400: problemContent('VALIDATION_FAILED, DOCUMENT_EMPTY, MULTIPART_INVALID'),
          409: problemContent('ALREADY_VERIFIED, VERIFICATION_IN_PROGRESS'),
          413: problemContent('PAYLOAD_TOO_LARGE, DOCUMENT_TOO_LARGE'),
          415: problemContent('UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_DOCUMENT_TYPE'),
          422: problemContent('IDEMPOTENCY_KEY_REUSED'),
        },
      }),
    ),
    async (c) => {
      // Validated again here: a body of another media type passes the form validator empty.
      const document = await uploadedFile(c.req.parseBody(), 'document');
      const row = await service.submit(c.get('principal'), new Uint8Array(await document.arrayBuffer()));
      c.header('Location', `/v1/pro/verifications/${row.id}`);
      return c.json({ id: row.id, status: 'pending' as const }, 202);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['pro'] }, {
        method: 'get',
        path: '/pro/verifications',
        tags: ['kbis'],
        summary: "The organisation's verifications, oldest first",
        request: { query: PageQuerySchema },
        responses: { 200: jsonContent(pageSchema(VerificationSchema, 'KbisVerificationPage'), 'A page of verifications'), 400: problemContent('CURSOR_INVALID') },
      }),
    ),
    async (c) => {
      const p = c.get('principal');
      const page = await keysetPage(c.req.valid('query'), isUuid, (after, n) => (p.orgId ? store.listByOrg(p.orgId, after, n) : Promise.resolve([])));
      return c.json(pageBody(page, (v: VerificationRow) => toVerification(v)), 200);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['pro', 'admin'] }, {
        method: 'get',
        path: '/pro/verifications/{id}',
        tags: ['kbis'],
        summary: 'One verification: status, extracted fields, checks and reasons',
        request: { params: IdParams },
        responses: { 200: jsonContent(VerificationSchema, 'The verification'), 404: problemContent('VERIFICATION_NOT_FOUND') },
      }),
    ),
    async (c) => c.json(toVerification(await service.get(c.get('principal'), c.req.valid('param').id)), 200),
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['pro', 'admin'] }, {
        method: 'get',
        path: '/pro/verifications/{id}/document',
        tags: ['kbis'],
        summary: 'A signed URL (5 minutes) to the submitted document',
        request: { params: IdParams },
        responses: { 200: jsonContent(DocumentUrlSchema, 'Where to download it'), 404: problemContent('VERIFICATION_NOT_FOUND'), 410: problemContent('DOCUMENT_DELETED') },
      }),
    ),
    async (c) => {
      const { url, expiresAt } = await service.documentUrl(c.get('principal'), c.req.valid('param').id);
      return c.json({ url, expiresAt: expiresAt.toISOString() }, 200);
    },
  );
  return r;
}

/** Reads the multipart body's file, as a 4xx for anything else (never a 500). */
export async function uploadedFile(form: Promise<Record<string, unknown>>, field: string): Promise<File> {
  let parsed: Record<string, unknown>;
  try {
    parsed = await form;
  } catch (err) {
    throw new AppError(400, 'MULTIPART_INVALID', 'The body is not a valid multipart form.', { cause: err });
  }
  const file = parsed[field];
  if (!(file instanceof File)) throw badRequest('DOCUMENT_REQUIRED', `Send the file in the multipart field "${field}".`);
  return file;
}
