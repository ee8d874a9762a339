import { z } from '@hono/zod-openapi';
import type { IncompatibilityReason } from '../package/compatibility.ts';
import type { FirmwareRecord } from '../store/firmware-store.ts';
import type { JobRecord } from '../store/job-store.ts';
import type { AuditEntry } from '../audit/audit-chain.ts';

const Segment = z.object({ address: z.number().int(), length: z.number().int(), sha256: z.string() });
const Reason = z.object({ code: z.string(), message: z.string() });

/** A catalogue entry on the wire. */
export const FirmwareSchema = z
  .object({
    id: z.string(),
    format: z.enum(['ihex', 'srec', 'bin']),
    sha256: z.string(),
    size: z.number().int(),
    crc32: z.number().int(),
    segments: z.array(Segment),
    make: z.string(),
    ecuHardware: z.array(z.string()),
    fromSoftware: z.array(z.string()),
    toSoftware: z.string(),
    notes: z.string(),
    signature: z.string().openapi({ description: 'Base64 Ed25519 signature of the manifest' }),
    createdAt: z.string(),
    incompatibilities: z.array(Reason).optional().openapi({ description: 'With ?vin=&ecuHardware=&ecuSoftware=: why it does not fit (empty when it does)' }),
  })
  .openapi('FlashFirmware');

/** A catalogue entry as the API shows it. */
export function toFirmware(f: FirmwareRecord, reasons?: IncompatibilityReason[]): z.infer<typeof FirmwareSchema> {
  return {
    id: f.id, format: f.format, sha256: f.sha256, size: f.size, crc32: f.crc32, segments: f.segments, make: f.make, ecuHardware: f.ecuHardware,
    fromSoftware: f.fromSoftware, toSoftware: f.toSoftware, notes: f.notes, signature: f.signature, createdAt: f.createdAt.toISOString(),
    ...(reasons ? { incompatibilities: reasons } : {}),
  };
}

const Status = z.enum(['awaiting_precheck', 'awaiting_backup', 'ready', 'flashing', 'verifying', 'completed', 'failed', 'rolled_back']);

/** A flash job on the wire. */
export const JobSchema = z
  .object({
    id: z.string(),
    status: Status,
    vin: z.string(),
    ecuHardware: z.string(),
    ecuSoftware: z.string(),
    firmwareId: z.string(),
    packageSha256: z.string(),
    segments: z.array(z.object({ address: z.number().int(), length: z.number().int() })).openapi({ description: 'The memory the package overwrites (what the backup covers)' }),
    toSoftware: z.string(),
    progress: z.object({ step: z.string(), blocksDone: z.number().int().optional(), blocksTotal: z.number().int().optional() }).nullable(),
    backup: z.object({ sha256: z.string(), size: z.number().int() }).nullable(),
    readBackSha256: z.string().nullable(),
    failure: z.object({ code: z.string(), message: z.string() }).nullable(),
    deadline: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('FlashJob');

/** A job as the API shows it, with its firmware's segments and target version. */
export function toJob(j: JobRecord, firmware: Pick<FirmwareRecord, 'segments' | 'toSoftware'>): z.infer<typeof JobSchema> {
  const s = j.state;
  return {
    id: j.id, status: j.status, vin: j.vin, ecuHardware: j.ecuHardware, ecuSoftware: j.ecuSoftware, firmwareId: j.firmwareId, packageSha256: s.packageSha256,
    segments: firmware.segments.map(({ address, length }) => ({ address, length })), toSoftware: firmware.toSoftware,
    progress: s.progress ?? null, backup: s.backup ?? null, readBackSha256: s.readBackSha256 ?? null, failure: s.failure ?? null,
    deadline: s.deadline ?? null, createdAt: j.createdAt.toISOString(), updatedAt: j.updatedAt.toISOString(),
  };
}

/** An audit entry on the wire (the fields its hash covers, as stored). */
export const AuditEntrySchema = z
  .object({ seq: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), data: z.record(z.string(), z.unknown()), prevHash: z.string(), hash: z.string() })
  .openapi('FlashAuditEntry');

/** An audit entry as the API shows it. */
export const toAuditEntry = (e: AuditEntry): z.infer<typeof AuditEntrySchema> => ({ ...e });

/** The outcome of verifying the audit chain. */
export const AuditVerificationSchema = z
  .object({
    ok: z.boolean(),
    count: z.number().int(),
    headHash: z.string().optional(),
    brokenAt: z.number().int().optional(),
    reason: z.enum(['SEQUENCE_GAP', 'PREVIOUS_HASH_MISMATCH', 'HASH_MISMATCH', 'HEAD_MISMATCH']).optional(),
    verifiedAt: z.string(),
  })
  .openapi('FlashAuditVerification');

/** A signed, expiring URL. */
export const SignedUrlSchema = z.object({ url: z.string(), expiresAt: z.string() }).openapi('FlashSignedUrl');
