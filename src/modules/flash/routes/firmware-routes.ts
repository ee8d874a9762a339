import { createRoute, z } from '@hono/zod-openapi';
import { AppError, badRequest } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/ids.ts';
import { keysetPage, pageBody, PageQuerySchema, pageSchema } from '../../../platform/http/pagination.ts';
import { problemContent } from '../../../platform/http/problem.ts';
import { jsonContent, type RouteKit } from '../../../platform/http/route-kit.ts';
import { createApiRouter, type ApiRouter } from '../../../platform/http/router.ts';
import { text } from '../../../platform/validation/text.ts';
import { incompatibilities } from '../package/compatibility.ts';
import type { FirmwareCatalogue } from '../service/firmware-catalogue.ts';
import type { ManifestSigner } from '../service/manifest-signer.ts';
import type { FirmwareStore } from '../store/firmware-store.ts';
import { FirmwareSchema, toFirmware } from './schemas.ts';

const UploadSchema = z.object({
  file: z.custom<File>((v) => v instanceof File, 'must be a file').openapi({ type: 'string', format: 'binary', description: 'Intel HEX, Motorola S-record or raw binary' }),
  metadata: z.string().openapi({ description: 'JSON: {make, ecuHardware: [part numbers], fromSoftware: [versions], toSoftware, notes, format?, baseAddress?}' }),
});

const ListQuery = PageQuerySchema.extend({
  vin: text({ max: 17 }).optional(),
  ecuHardware: text({ max: 64 }).optional(),
  ecuSoftware: text({ max: 64 }).optional(),
});

/** /v1/flash/firmwares: the catalogue (admins add, verified pros read) and the signing key. */
export function firmwareRoutes(d: { kit: RouteKit; catalogue: FirmwareCatalogue; store: FirmwareStore; signer: ManifestSigner }): ApiRouter {
  const r = createApiRouter();
  r.openapi(
    createRoute(
      d.kit.protectedRoute({ roles: ['admin'], idempotent: true }, {
        method: 'post',
        path: '/flash/firmwares',
        tags: ['flash'],
        summary: 'Add a firmware to the catalogue (parsed strictly, manifest signed)',
        request: { body: { required: true, content: { 'multipart/form-data': { schema: UploadSchema } } } },
        responses: {
          201: jsonContent(FirmwareSchema, 'The catalogue entry'),
          400: problemContent('MULTIPART_INVALID, FIRMWARE_FILE_REQUIRED, METADATA_REQUIRED, METADATA_INVALID'),
          422: problemContent('FIRMWARE_CHECKSUM_INVALID, FIRMWARE_RECORD_TYPE_INVALID, FIRMWARE_SEGMENTS_OVERLAP, FIRMWARE_TRUNCATED, … (detail names the line)'),
        },
      }),
    ),
    async (c) => {
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody();
      } catch (err) {
        throw new AppError(400, 'MULTIPART_INVALID', 'The body is not a valid multipart form.', { cause: err });
      }
      const file = form.file;
      if (!(file instanceof File)) throw badRequest('FIRMWARE_FILE_REQUIRED', 'Send the firmware in the multipart field "file".');
      const meta = d.catalogue.parseMetadata(form.metadata);
      const record = await d.catalogue.add(c.get('principal').userId, new Uint8Array(await file.arrayBuffer()), meta);
      c.header('Location', `/v1/flash/firmwares/${record.id}`);
      return c.json(toFirmware(record), 201);
    },
  );

  r.openapi(
    createRoute(
      d.kit.protectedRoute({ roles: ['pro', 'admin'], verifiedPro: true }, {
        method: 'get',
        path: '/flash/firmwares',
        tags: ['flash'],
        summary: 'The catalogue, oldest first; with vin, ecuHardware and ecuSoftware, why each firmware does or does not fit',
        request: { query: ListQuery },
        responses: { 200: jsonContent(pageSchema(FirmwareSchema, 'FlashFirmwarePage'), 'A page of firmwares'), 400: problemContent('CURSOR_INVALID') },
      }),
    ),
    async (c) => {
      const q = c.req.valid('query');
      const page = await keysetPage(q, isUuid, (after, n) => d.store.list(after, n));
      const ecu = q.vin !== undefined && q.ecuHardware !== undefined && q.ecuSoftware !== undefined ? { vin: q.vin, ecuHardware: q.ecuHardware, ecuSoftware: q.ecuSoftware } : undefined;
      return c.json(pageBody(page, (f) => toFirmware(f, ecu && incompatibilities(f.manifest.compat, ecu))), 200);
    },
  );

  r.openapi(
    createRoute(
      d.kit.protectedRoute({ roles: ['pro', 'admin'], verifiedPro: true }, {
        method: 'get',
        path: '/flash/signing-key',
        tags: ['flash'],
        summary: 'The Ed25519 public key packages are signed with (SPKI PEM)',
        responses: { 200: jsonContent(z.object({ algorithm: z.literal('Ed25519'), publicKey: z.string() }), 'The public key') },
      }),
    ),
    async (c) => c.json({ algorithm: 'Ed25519' as const, publicKey: await d.signer.publicKeyPem() }, 200),
  );
  return r;
}
