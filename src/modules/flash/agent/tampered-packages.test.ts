import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type FirmwareImage, imageOf } from '../firmware/firmware-image.ts';
import { type SeededRandom, seededRandom } from '../ecu/seeded-random.ts';
import { connectVirtualEcu } from '../ecu/virtual-bench.ts';
import { virtualVehicleFor } from '../ecu/virtual-vehicle.ts';
import { createManifest, type FlashManifest } from '../package/manifest.ts';
import { signManifest } from '../package/signature.ts';
import { VirtualTimers } from '../timing/virtual-timers.ts';
import { hmacKeyAlgorithm, VIRTUAL_ECU_SECRET } from '../uds/security-key.ts';
import { Sid } from '../uds/services.ts';
import { memoryBackupStore } from './flash-events.ts';
import { runFlashJob } from './flash-job.ts';

const PACKAGES = 10_000;
const platform = generateKeyPairSync('ed25519');
const strangers = Array.from({ length: 4 }, () => generateKeyPairSync('ed25519').privateKey);
const identity = { vin: 'WVWZZZ1KZAW000001', ecuHardware: '03L906018', ecuSoftware: '0004' };
const compat = { make: 'Volkswagen', ecuHardware: ['03L906018', '03L906019'], fromSoftware: ['0003', '0004'], toSoftware: '0005' };
const start = seededRandom(99);
const image = imageOf('ihex', [{ address: 0x10000, data: start.bytes(64) }, { address: 0x10100, data: start.bytes(32) }]);
const manifest = createManifest(image, { firmwareId: 'fw-golf', compat, createdAt: new Date('2026-02-01T00:00:00Z') });

type Package = { manifest: unknown; signature: string; image: FirmwareImage; expectedVin: string; kind: string };

const pick = <T>(r: SeededRandom, items: readonly T[]): T => items[r.int(0, items.length - 1)]!;
const signed = (m: FlashManifest) => signManifest(m, platform.privateKey);

/** A package that must be refused: altered after signing, signed by a stranger, or validly signed but not for this vehicle. */
function badPackage(r: SeededRandom): Package {
  const good = { manifest, signature: signed(manifest), image, expectedVin: identity.vin };
  const kind = pick(r, ['field', 'segment', 'stranger', 'signature', 'image', 'make', 'hardware', 'software', 'vin', 'mixed'] as const);
  switch (kind) {
    case 'field':
      return { ...good, kind, manifest: { ...manifest, [pick(r, ['firmwareId', 'sha256', 'createdAt'])]: pick(r, ['x', '2026-02-02T00:00:00.000Z', 'a'.repeat(64)]) } };
    case 'segment': {
      const segments = manifest.segments.map((s) => ({ ...s }));
      const segment = segments[r.int(0, segments.length - 1)]!;
      if (r.next() < 0.5) segment.address += r.int(1, 0x100);
      else segment.length += r.int(-1, 1) || 1;
      return { ...good, kind, manifest: { ...manifest, segments } };
    }
    case 'stranger':
      return { ...good, kind, signature: signManifest(manifest, pick(r, strangers)) };
    case 'signature': {
      const bytes = Buffer.from(good.signature, 'base64');
      bytes[r.int(0, bytes.length - 1)]! ^= 1 << r.int(0, 7);
      return { ...good, kind, signature: bytes.toString('base64') };
    }
    case 'image': {
      const segments = image.segments.map((s) => ({ address: s.address, data: s.data.slice() }));
      const segment = segments[r.int(0, segments.length - 1)]!;
      segment.data[r.int(0, segment.data.length - 1)]! ^= 1 << r.int(0, 7);
      return { ...good, kind, image: imageOf(image.format, segments) };
    }
    case 'vin':
      return { ...good, kind, expectedVin: `WVWZZZ1KZAW${String(r.int(2, 999_999)).padStart(6, '0')}` };
    default: {
      const other = { ...compat };
      if (kind === 'make' || kind === 'mixed') other.make = pick(r, ['Renault', 'Peugeot', 'Audi', 'SEAT', 'Skoda', 'BMW']);
      if (kind === 'hardware' || (kind === 'mixed' && r.next() < 0.5)) other.ecuHardware = [`03L9060${r.int(20, 99)}`];
      if (kind === 'software' || (kind === 'mixed' && r.next() < 0.5)) other.fromSoftware = [String(r.int(5, 9)).padStart(4, '0')];
      const m = createManifest(image, { firmwareId: 'fw-golf', compat: other, createdAt: new Date(manifest.createdAt) });
      return { ...good, kind, manifest: m, signature: signed(m) };
    }
  }
}

describe('random tampered or incompatible packages', () => {
  it(`never reach an erase, over ${PACKAGES} of them`, async () => {
    const timers = new VirtualTimers();
    const bench = connectVirtualEcu(virtualVehicleFor(identity, manifest.segments), timers);
    const backupStore = memoryBackupStore();
    const r = seededRandom(10_000);
    const refusals = new Map<string, number>();
    let accepted = 0;
    for (let i = 0; i < PACKAGES; i++) {
      const p = badPackage(r);
      const outcome = await runFlashJob({
        manifest: p.manifest, signature: p.signature, publicKey: platform.publicKey, image: p.image, expectedVin: p.expectedVin,
        ecu: bench.client, keyAlgorithm: hmacKeyAlgorithm(VIRTUAL_ECU_SECRET), backupStore, report: () => undefined,
      });
      if (outcome.status === 'failed') refusals.set(outcome.code, (refusals.get(outcome.code) ?? 0) + 1);
      else accepted++;
    }
    console.info('tampered packages', { packages: PACKAGES, accepted, refusals: Object.fromEntries(refusals) });
    expect(accepted).toBe(0);
    expect(bench.ecu.requestCount(Sid.routineControl)).toBe(0);
    expect(bench.ecu.requestCount(Sid.requestDownload)).toBe(0);
    expect(bench.ecu.requestCount(Sid.diagnosticSessionControl)).toBe(0);
    expect(backupStore.current).toBeUndefined();
    expect([...refusals.keys()].sort()).toEqual(['INCOMPATIBLE_FIRMWARE', 'PACKAGE_IMAGE_MISMATCH', 'PACKAGE_MANIFEST_INVALID', 'PACKAGE_SIGNATURE_INVALID', 'VIN_MISMATCH']);
    // The same ECU takes a genuine package afterwards: the refusals were about the packages.
    const genuine = await runFlashJob({
      manifest, signature: signed(manifest), publicKey: platform.publicKey, image, expectedVin: identity.vin,
      ecu: bench.client, keyAlgorithm: hmacKeyAlgorithm(VIRTUAL_ECU_SECRET), backupStore, report: () => undefined,
    });
    expect(genuine.status).toBe('completed');
    expect(bench.ecu.requestCount(Sid.routineControl)).toBeGreaterThan(0);
  });
});
