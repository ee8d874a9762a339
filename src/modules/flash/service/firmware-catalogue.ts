import { createHash } from 'node:crypto';
import { z } from 'zod';
import { badRequest } from '../../../platform/errors.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { BlobStore } from '../../../platform/ports/blob-store.ts';
import type { SqlDatabase } from '../../../platform/ports/sql.ts';
import { text } from '../../../platform/validation/text.ts';
import { parseFirmware } from '../firmware/parse-firmware.ts';
import { canonicalJson } from '../package/canonical-json.ts';
import { createManifest } from '../package/manifest.ts';
import type { AuditStore } from '../store/audit-store.ts';
import type { FirmwareRecord, FirmwareStore } from '../store/firmware-store.ts';
import type { ManifestSigner } from './manifest-signer.ts';

const label = text({ max: 64 });

/** The `metadata` part of a firmware upload. */
export const FirmwareMetadataSchema = z.strictObject({
  make: label,
  ecuHardware: z.array(label).min(1).max(100),
  fromSoftware: z.array(label).min(1).max(100),
  toSoftware: label,
  notes: text({ max: 2000, min: 0, multiline: true }).default(''),
  /** The file's format; recognised from its first character when absent. */
  format: z.enum(['ihex', 'srec', 'bin']).optional(),
  /** Where a raw binary starts in the ECU's memory (required for `bin`). */
  baseAddress: z.number().int().min(0).max(0xffff_ffff).optional(),
});

/** Where a firmware file lives in the blob store. */
export const firmwareKey = (id: string) => `flash/firmwares/${id}`;

/** The admin's firmware catalogue: strict parsing, a signed manifest per package, the file kept as uploaded. */
export class FirmwareCatalogue {
  constructor(
    private readonly d: { db: SqlDatabase; store: FirmwareStore; audit: AuditStore; blobs: BlobStore; signer: ManifestSigner; clock: Clock; ids: { newId(): string } },
  ) {}

  /** Parses the metadata JSON text (400 `METADATA_INVALID`). */
  parseMetadata(raw: unknown): z.output<typeof FirmwareMetadataSchema> {
    if (typeof raw !== 'string') throw badRequest('METADATA_REQUIRED', 'Send the metadata JSON in the multipart field "metadata".');
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw badRequest('METADATA_INVALID', 'The metadata field is not valid JSON.');
    }
    const parsed = FirmwareMetadataSchema.safeParse(json);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw badRequest('METADATA_INVALID', `metadata: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors });
    }
    return parsed.data;
  }

  /** Parses and signs a firmware, stores the file and its entry. A file that does not parse is a 422 naming the line. */
  async add(uploadedBy: string, bytes: Uint8Array, meta: z.output<typeof FirmwareMetadataSchema>): Promise<FirmwareRecord> {
    const parsed = parseFirmware(bytes, { ...(meta.format ? { format: meta.format } : {}), ...(meta.baseAddress === undefined ? {} : { baseAddress: meta.baseAddress }) });
    if (!parsed.ok) throw parsed.error;
    const { image } = parsed;
    const id = this.d.ids.newId();
    const now = this.d.clock.now();
    const manifest = createManifest(image, {
      firmwareId: id,
      compat: { make: meta.make, ecuHardware: meta.ecuHardware, fromSoftware: meta.fromSoftware, toSoftware: meta.toSoftware },
      createdAt: now,
    });
    const signature = await this.d.signer.sign(manifest);
    const publicKeySha256 = createHash('sha256').update(await this.d.signer.publicKeyPem()).digest('hex');
    const record: FirmwareRecord = {
      id, format: image.format, sha256: image.sha256, size: image.size, crc32: image.crc32, segments: manifest.segments,
      make: meta.make, ecuHardware: meta.ecuHardware, fromSoftware: meta.fromSoftware, toSoftware: meta.toSoftware, notes: meta.notes,
      baseAddress: image.format === 'bin' ? (meta.baseAddress ?? null) : null, blobKey: firmwareKey(id), manifest, signature, uploadedBy, createdAt: now,
    };
    // The file first: an entry never points at a missing file.
    await this.d.blobs.put(record.blobKey, bytes, { contentType: 'application/octet-stream', metadata: { sha256: image.sha256 } });
    // The entry and its audit record together: an upload is in the chain exactly when it is in the catalogue.
    await this.d.db.transaction(async (tx) => {
      await this.d.store.insert(record, tx);
      await this.d.audit.append(tx, {
        at: now, actor: uploadedBy, action: 'flash.firmware.uploaded', jobId: null,
        data: {
          firmwareId: id, format: image.format, sha256: image.sha256, size: image.size, crc32: image.crc32, segments: manifest.segments.length,
          make: meta.make, toSoftware: meta.toSoftware, manifestSha512: createHash('sha512').update(canonicalJson(manifest)).digest('hex'), signature, publicKeySha256,
        },
      });
    });
    return record;
  }
}
