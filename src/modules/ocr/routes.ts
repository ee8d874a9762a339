import { createRoute, z } from '@hono/zod-openapi';
import { AppError, badRequest } from '../../platform/errors.ts';
import { problemContent } from '../../platform/http/problem.ts';
import type { RouteKit } from '../../platform/http/route-kit.ts';
import { jsonContent } from '../../platform/http/route-kit.ts';
import { createApiRouter } from '../../platform/http/router.ts';
import type { OcrService } from './ocr-service.ts';
import { OcrDocumentSchema, UploadSchema } from './schemas.ts';

/** Paths under /v1 whose bodies are multipart uploads. */
export const OCR_UPLOAD_PREFIXES = ['/ocr/'];

/** /v1/ocr/documents: read a registration certificate (or any document) into fields. */
export function ocrRoutes({ kit, service }: { kit: RouteKit; service: OcrService }) {
  const r = createApiRouter();
  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['owner', 'pro'], idempotent: true }, {
        method: 'post',
        path: '/ocr/documents',
        tags: ['ocr'],
        summary: 'Read a registration certificate (PNG, JPEG or PDF) into its fields',
        description:
          'Multipart fields: `document` (the file, at most 10 MB), `kind` (`registration_certificate` or `generic`), `saveVehicle` (`true` to create or update your vehicle from the reading). A document that is not a certificate is answered with what was read and status `not_a_certificate`.',
        request: { body: { required: true, content: { 'multipart/form-data': { schema: UploadSchema } } } },
        responses: {
          200: jsonContent(OcrDocumentSchema, 'What was read'),
          400: problemContent('VALIDATION_FAILED, MULTIPART_INVALID, DOCUMENT_REQUIRED, DOCUMENT_EMPTY'),
          413: problemContent('PAYLOAD_TOO_LARGE, DOCUMENT_TOO_LARGE, IMAGE_TOO_LARGE'),
          415: problemContent('UNSUPPORTED_DOCUMENT_TYPE'),
          422: problemContent('IMAGE_UNREADABLE, PDF_UNREADABLE, PDF_TRUNCATED, PDF_EMPTY, PDF_ENCRYPTED, DOCUMENT_EMPTY_PAGE'),
        },
      }),
    ),
    async (c) => {
      const form = await multipart(c.req.parseBody());
      const document = form.document;
      if (!(document instanceof File)) throw badRequest('DOCUMENT_REQUIRED', 'Send the file in the multipart field "document".');
      const options = UploadSchema.omit({ document: true }).safeParse({ kind: form.kind ?? undefined, saveVehicle: form.saveVehicle ?? undefined });
      if (!options.success) throw badRequest('VALIDATION_FAILED', 'kind must be registration_certificate or generic, saveVehicle true or false.', { errors: options.error.issues });
      const read = await service.read(c.get('principal'), { bytes: new Uint8Array(await document.arrayBuffer()), ...options.data });
      return c.json(read, 200);
    },
  );
  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['owner', 'pro', 'admin'] }, {
        method: 'get',
        path: '/ocr/documents/{id}',
        tags: ['ocr'],
        summary: 'A document read earlier, with a fresh URL of its page image',
        request: { params: z.object({ id: z.string() }) },
        responses: { 200: jsonContent(OcrDocumentSchema, 'The reading'), 404: problemContent('OCR_DOCUMENT_NOT_FOUND') },
      }),
    ),
    async (c) => c.json(await service.get(c.get('principal'), c.req.valid('param').id), 200),
  );
  return r;
}

/** The multipart form, as a 400 when the body is no valid form (never a 500). */
async function multipart(form: Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  try {
    return await form;
  } catch (error) {
    throw new AppError(400, 'MULTIPART_INVALID', 'The body is not a valid multipart form.', { cause: error });
  }
}
