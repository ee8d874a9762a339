import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageOf } from '../firmware/firmware-image.ts';
import { canonicalJson } from './canonical-json.ts';
import { incompatibilities, incompatibleFirmware } from './compatibility.ts';
import { checkImageAgainstManifest, createManifest, type FlashManifest } from './manifest.ts';
import { generateSigningKeys, signManifest, verifyManifest } from './signature.ts';
import { makesOfVin, normaliseMake, WMI_MAKES } from './wmi-makes.ts';

const keys = generateSigningKeys();
const image = imageOf('ihex', [
  { address: 0x1000, data: Uint8Array.of(1, 2, 3, 4) },
  { address: 0x2000, data: Uint8Array.of(9, 8, 7) },
]);
const compat = { make: 'Renault', ecuHardware: ['237100123R'], fromSoftware: ['1.0', '1.1'], toSoftware: '1.2' };
const manifest = createManifest(image, { firmwareId: 'fw-1', compat, createdAt: new Date('2026-03-01T10:00:00Z') });

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined and adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }], e: undefined })).toBe('{"a":[{"c":null,"d":"x"}],"b":1}');
  });

  it('gives the same text whatever the key order', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), (object) => {
      const reversed = Object.fromEntries(Object.entries(object).reverse());
      expect(canonicalJson(object)).toBe(canonicalJson(reversed));
      expect(JSON.parse(canonicalJson(object))).toEqual(object);
    }));
  });
});

describe('manifest signatures', () => {
  it('describe each segment with its address, length and hash', () => {
    expect(manifest.segments).toEqual([
      { address: 0x1000, length: 4, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { address: 0x2000, length: 3, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(checkImageAgainstManifest(image, manifest)).toBeUndefined();
  });

  it('verify with the signing key and fail with another key, whatever the key order', () => {
    const signature = signManifest(manifest, keys.privateKey);
    const reordered = Object.fromEntries(Object.entries(manifest).reverse());
    expect(verifyManifest(reordered, signature, keys.publicKey)).toEqual({ ok: true, manifest });
    const other = generateSigningKeys();
    expect(verifyManifest(manifest, signature, other.publicKey)).toMatchObject({ ok: false, error: { code: 'PACKAGE_SIGNATURE_INVALID' } });
  });

  it('refuse any changed field, added field, malformed signature or key', () => {
    const signature = signManifest(manifest, keys.privateKey);
    const changed: FlashManifest = { ...manifest, compat: { ...manifest.compat, ecuHardware: ['237100123R', 'OTHER'] } };
    expect(verifyManifest(changed, signature, keys.publicKey)).toMatchObject({ ok: false, error: { code: 'PACKAGE_SIGNATURE_INVALID' } });
    expect(verifyManifest({ ...manifest, extra: 1 }, signature, keys.publicKey)).toMatchObject({ ok: false, error: { code: 'PACKAGE_MANIFEST_INVALID' } });
    expect(verifyManifest(manifest, 'not base64!', keys.publicKey).ok).toBe(false);
    expect(verifyManifest(manifest, signature, 'not a key').ok).toBe(false);
    expect(verifyManifest('nonsense', signature, keys.publicKey).ok).toBe(false);
  });

  it('answer any JSON value and any signature text with a refusal, never a throw', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.string(), (value, text) => {
      const result = verifyManifest(value, text, keys.publicKey);
      return !result.ok && ['PACKAGE_MANIFEST_INVALID', 'PACKAGE_SIGNATURE_INVALID'].includes(result.error.code);
    }), { numRuns: 300 });
    const signature = signManifest(manifest, keys.privateKey);
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 100 }), (text) => !verifyManifest(manifest, signature + text, keys.publicKey).ok), { numRuns: 100 });
  });

  it('name every way an image differs from its manifest', () => {
    const moved = imageOf('ihex', [{ address: 0x1001, data: Uint8Array.of(1, 2, 3, 4) }, image.segments[1]!]);
    const flipped = imageOf('ihex', [{ address: 0x1000, data: Uint8Array.of(1, 2, 3, 5) }, image.segments[1]!]);
    const shorter = imageOf('ihex', [image.segments[0]!]);
    for (const tampered of [moved, flipped, shorter]) expect(checkImageAgainstManifest(tampered, manifest)?.code).toBe('PACKAGE_IMAGE_MISMATCH');
    expect(checkImageAgainstManifest({ ...image, segments: [image.segments[0]!, { address: 0x2000, data: Uint8Array.of(9, 8, 6) }] }, manifest)?.details)
      .toMatchObject({ problems: ['segment 1 does not match its hash', 'the image does not match the manifest hash'] });
  });
});

describe('compatibility', () => {
  const ecu = { vin: 'VF1RFB00X56123456', ecuHardware: '237100123R', ecuSoftware: '1.1' };

  it('accepts the listed hardware, an eligible software and the make of the VIN', () => {
    expect(incompatibilities(compat, ecu)).toEqual([]);
    expect(incompatibilities({ ...compat, make: 'RENAULT ' }, ecu)).toEqual([]);
  });

  it('gives every reason at once', () => {
    const reasons = incompatibilities(compat, { vin: 'VF3AAAAAAAA123456', ecuHardware: 'X', ecuSoftware: '0.9' });
    expect(reasons.map((r) => r.code)).toEqual(['MAKE_MISMATCH', 'HARDWARE_NOT_LISTED', 'SOFTWARE_NOT_ELIGIBLE']);
    expect(incompatibleFirmware(reasons)).toMatchObject({ status: 422, code: 'INCOMPATIBLE_FIRMWARE', details: { reasons } });
    expect(incompatibilities(compat, { ...ecu, vin: 'QQQ' }).map((r) => r.code)).toEqual(['VIN_INVALID']);
    expect(incompatibilities(compat, { ...ecu, vin: 'AAA1FB00X56123456' }).map((r) => r.code)).toEqual(['VIN_MAKE_UNKNOWN']);
  });
});

describe('WMI makes', () => {
  it('know the makes sold in France under the names people write', () => {
    expect(makesOfVin('VF7XXXXXXXX000000')).toEqual(['CITROEN']);
    expect(normaliseMake('Citroën')).toBe('CITROEN');
    expect(normaliseMake('Mercedes-Benz')).toBe('MERCEDES BENZ');
    expect(normaliseMake('vw')).toBe('VOLKSWAGEN');
    expect(makesOfVin('VSSZZZ6JZ9R000000')).toEqual(['SEAT', 'CUPRA']);
  });

  it('hold only three-character codes and normalised makes', () => {
    for (const [wmi, makes] of Object.entries(WMI_MAKES)) {
      expect(wmi).toMatch(/^[A-HJ-NPR-Z0-9]{3}$/);
      for (const make of makes) expect(normaliseMake(make)).toBe(make);
    }
  });
});
