import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type FirmwareImage, imageOf } from '../firmware/firmware-image.ts';
import { type SeededRandom, seededRandom } from '../ecu/seeded-random.ts';
import { connectVirtualEcu } from '../ecu/virtual-bench.ts';
import { virtualVehicleFor } from '../ecu/virtual-vehicle.ts';
import { createManifest } from '../package/manifest.ts';
import { signManifest } from '../package/signature.ts';
import { VirtualTimers } from '../timing/virtual-timers.ts';
import { hmacKeyAlgorithm, VIRTUAL_ECU_SECRET } from '../uds/security-key.ts';
import { Sid } from '../uds/services.ts';
import { memoryBackupStore } from './flash-events.ts';
import { runFlashJob } from './flash-job.ts';

const PACKAGES = 5_000;
const platform = generateKeyPairSync('ed25519');
const strangers = Array.from({ length: 4 }, () => generateKeyPairSync('ed25519').privateKey);
const identity = { vin: 'WVWZZZ1KZAW000001', ecuHardware: '03L906018', ecuSoftware: '0004' };
const compat = { make: 'Volkswagen', ecuHardware: ['03L906018'], fromSoftware: ['0004'], toSoftware: '0005' };
const start = seededRandom(99);
const image = imageOf('ihex', [{ address: 0x10000, data: start.bytes(64) }, { address: 0x10100, data: start.bytes(32) }]);
const manifest = createManifest(image, { firmwareId: 'fw-golf', compat, createdAt: new Date('2026-02-01T00:00:00Z') });
const signature = signManifest(manifest, platform.privateKey);

const pick = <T>(r: SeededRandom, items: readonly T[]): T => items[r.int(0, items.length - 1)]!;

/** A genuine package altered after signing, signed by a stranger, or with a corrupted signature or image. */
function tampered(r: SeededRandom): { manifest: unknown; signature: string; image: FirmwareImage } {
  const good = { manifest, signature, image };
  switch (pick(r, ['field', 'compat', 'segment', 'stranger', 'signature', 'image'] as const)) {
    case 'field':
      return { ...good, manifest: { ...manifest, [pick(r, ['firmwareId', 'sha256', 'createdAt', 'format'])]: pick(r, ['x', '2026-02-02T00:00:00.000Z', 'a'.repeat(64), 'srec']) } };
    case 'compat': {
      const field = pick(r, ['make', 'ecuHardware', 'fromSoftware', 'toSoftware'] as const);
      const value = field === 'ecuHardware' || field === 'fromSoftware' ? [...compat[field], `X${r.int(0, 999)}`] : `X${r.int(0, 999)}`;
      return { ...good, manifest: { ...manifest, compat: { ...compat, [field]: value } } };
    }
    case 'segment': {
      const segments = manifest.segments.map((s) => ({ ...s }));
      const segment = segments[r.int(0, segments.length - 1)]!;
      if (r.next() < 0.5) segment.address += r.int(1, 0x100);
      else segment.length += r.next() < 0.5 ? -1 : 1;
      return { ...good, manifest: { ...manifest, segments } };
    }
    case 'stranger':
      return { ...good, signature: signManifest(manifest, pick(r, strangers)) };
    case 'signature': {
      const bytes = Buffer.from(signature, 'base64');
      bytes[r.int(0, bytes.length - 1)]! ^= 1 << r.int(0, 7);
      return { ...good, signature: bytes.toString('base64') };
    }
    default: {
      const segments = image.segments.map((s) => ({ address: s.address, data: s.data.slice() }));
      const segment = segments[r.int(0, segments.length - 1)]!;
      segment.data[r.int(0, segment.data.length - 1)]! ^= 1 << r.int(0, 7);
      return { ...good, image: imageOf(image.format, segments) };
    }
  }
}

describe('random tampered packages', () => {
  it(`never reach the ECU at all, over ${PACKAGES} of them`, async () => {
    const bench = connectVirtualEcu(virtualVehicleFor(identity, manifest.segments), new VirtualTimers());
    const backupStore = memoryBackupStore();
    const r = seededRandom(10_000);
    const refusals = new Map<string, number>();
    for (let i = 0; i < PACKAGES; i++) {
      const outcome = await runFlashJob({
        ...tampered(r), publicKey: platform.publicKey, expectedVin: identity.vin,
        ecu: bench.client, keyAlgorithm: hmacKeyAlgorithm(VIRTUAL_ECU_SECRET), backupStore, report: () => undefined,
      });
      const key = outcome.status === 'failed' ? `${outcome.step}:${outcome.code}` : outcome.status;
      refusals.set(key, (refusals.get(key) ?? 0) + 1);
    }
    console.info('tampered packages', { packages: PACKAGES, outcomes: Object.fromEntries(refusals) });
    expect([...refusals.keys()].sort()).toEqual([
      'verify-package:PACKAGE_IMAGE_MISMATCH', 'verify-package:PACKAGE_MANIFEST_INVALID', 'verify-package:PACKAGE_SIGNATURE_INVALID',
    ]);
    expect(Object.values(Sid).reduce((n, sid) => n + bench.ecu.requestCount(sid), 0)).toBe(0);
    expect(backupStore.current).toBeUndefined();
    // The same bench takes the genuine package: the refusals were about the packages.
    const genuine = await runFlashJob({
      manifest, signature, image, publicKey: platform.publicKey, expectedVin: identity.vin,
      ecu: bench.client, keyAlgorithm: hmacKeyAlgorithm(VIRTUAL_ECU_SECRET), backupStore, report: () => undefined,
    });
    expect(genuine.status).toBe('completed');
  });
});
