import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { type FirmwareImage, sha256Hex } from '../firmware/firmware-image.ts';
import { canonicalJson } from './canonical-json.ts';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256');

/** What a firmware may be flashed onto: the make, ECU part numbers and software versions. */
export const compatSchema = z.strictObject({
  make: z.string().min(1),
  ecuHardware: z.array(z.string().min(1)).min(1),
  fromSoftware: z.array(z.string().min(1)).min(1),
  toSoftware: z.string().min(1),
});

/** The signed description of a flash package: every segment's place, length and hash. */
export const manifestSchema = z.strictObject({
  firmwareId: z.string().min(1),
  format: z.enum(['ihex', 'srec', 'bin']),
  segments: z
    .array(z.strictObject({ address: z.number().int().min(0).max(0xffff_ffff), length: z.number().int().min(1), sha256 }))
    .min(1),
  sha256,
  compat: compatSchema,
  createdAt: z.iso.datetime(),
});

/** A flash package manifest. */
export type FlashManifest = z.infer<typeof manifestSchema>;
/** The compatibility part of a manifest. */
export type FirmwareCompat = z.infer<typeof compatSchema>;

/**
 * The manifest of an image: the hash of each segment and of the whole, with the compatibility
 * and creation time given by the catalogue (`createdAt` from the injected clock).
 */
export function createManifest(
  image: FirmwareImage,
  input: { firmwareId: string; compat: FirmwareCompat; createdAt: Date },
): FlashManifest {
  return {
    firmwareId: input.firmwareId,
    format: image.format,
    segments: image.segments.map((s) => ({ address: s.address, length: s.data.length, sha256: sha256Hex(s.data) })),
    sha256: image.sha256,
    compat: {
      make: input.compat.make,
      ecuHardware: [...input.compat.ecuHardware],
      fromSoftware: [...input.compat.fromSoftware],
      toSoftware: input.compat.toSoftware,
    },
    createdAt: input.createdAt.toISOString(),
  };
}

/**
 * The bytes a manifest signature covers: a domain-separation prefix and the SHA-512 of its
 * canonical JSON. A digest, not the JSON itself, so that the message stays 154 bytes whatever the
 * manifest holds: KMS signs RAW messages of at most 4,096 bytes (Ed25519 over it is still pure
 * Ed25519, ED25519_SHA_512, which any Ed25519 verifier checks).
 */
export function manifestSigningBytes(manifest: FlashManifest): Uint8Array {
  const digest = createHash('sha512').update(canonicalJson(manifest)).digest('hex');
  return new TextEncoder().encode(`novaevo-flash-manifest-v2\n${digest}`);
}

/**
 * Checks that an image is exactly the one a manifest describes: same segments (address,
 * length, SHA-256) and overall hash. Returns the PACKAGE_IMAGE_MISMATCH error, or undefined.
 */
export function checkImageAgainstManifest(image: FirmwareImage, manifest: FlashManifest): AppError | undefined {
  const problems: string[] = [];
  if (image.segments.length !== manifest.segments.length) {
    problems.push(`the image has ${image.segments.length} segments, the manifest ${manifest.segments.length}`);
  }
  image.segments.forEach((segment, i) => {
    const expected = manifest.segments[i];
    if (expected === undefined) return;
    if (segment.address !== expected.address || segment.data.length !== expected.length) {
      problems.push(`segment ${i} is at 0x${segment.address.toString(16)} (${segment.data.length} bytes), the manifest says 0x${expected.address.toString(16)} (${expected.length} bytes)`);
    } else if (sha256Hex(segment.data) !== expected.sha256) problems.push(`segment ${i} does not match its hash`);
  });
  if (image.sha256 !== manifest.sha256 || sha256Hex(concatAll(image)) !== manifest.sha256) problems.push('the image does not match the manifest hash');
  if (problems.length === 0) return undefined;
  return new AppError(422, 'PACKAGE_IMAGE_MISMATCH', `the firmware image is not the one the manifest describes: ${problems.join('; ')}`, {
    details: { problems },
  });
}

function concatAll(image: FirmwareImage): Uint8Array {
  return Buffer.concat(image.segments.map((s) => s.data));
}
