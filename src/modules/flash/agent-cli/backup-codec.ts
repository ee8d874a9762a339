import { z } from 'zod';
import type { BackupImage } from '../agent/flash-events.ts';

const BackupJson = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  ecu: z.strictObject({ vin: z.string(), ecuHardware: z.string(), ecuSoftware: z.string() }),
  segments: z.array(z.strictObject({ address: z.number().int().min(0).max(0xffff_ffff), data: z.base64() })).min(1),
});

/** A backup as the JSON the agent uploads to the blob store (segment bytes in base64). */
export function encodeBackup(backup: BackupImage): string {
  return JSON.stringify({ sha256: backup.sha256, ecu: backup.ecu, segments: backup.segments.map((s) => ({ address: s.address, data: Buffer.from(s.data).toString('base64') })) });
}

/** Reads a downloaded backup, or undefined when it is not one (its hash is checked by the rollback). */
export function decodeBackup(text: string): BackupImage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = BackupJson.safeParse(json);
  if (!parsed.success) return undefined;
  const { sha256, ecu, segments } = parsed.data;
  return { sha256, ecu, segments: segments.map((s) => ({ address: s.address, data: new Uint8Array(Buffer.from(s.data, 'base64')) })) };
}
