import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirmwareError, type FirmwareImage, imageOf } from './firmware-image.ts';
import { parseIntelHex, writeIntelHex } from './intel-hex.ts';
import { parseFirmware } from './parse-firmware.ts';
import { parseSrec, writeSrec } from './srec.ts';

/** Disjoint, non-touching segments anywhere in the 32-bit space (gaps keep them apart). */
const segmentsArb = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 0x4000_0000 }), fc.uint8Array({ minLength: 1, maxLength: 300 })), { minLength: 1, maxLength: 4 })
  .chain((parts) => fc.integer({ min: 0, max: 0xffff_ffff - parts.reduce((n, [gap, d]) => n + gap + d.length, 0) }).map((first) => {
    let address = first;
    return parts.map(([gap, data], i) => {
      if (i > 0) address += gap;
      const segment = { address, data };
      address += data.length;
      return segment;
    });
  }))
  .filter((segments) => segments.every((s) => s.address + s.data.length <= 0x1_0000_0000));
const startArb = fc.option(fc.integer({ min: 0, max: 0xffff_ffff }), { nil: undefined });

function isWellFormed(image: FirmwareImage): boolean {
  let end = -1;
  for (const { address, data } of image.segments) {
    if (data.length === 0 || address <= end) return false;
    end = address + data.length;
  }
  const again = imageOf(image.format, image.segments, image.startAddress);
  return again.sha256 === image.sha256 && again.size === image.size && again.crc32 === image.crc32;
}

function mutate(text: string, kind: number, at: number, char: string): string {
  const i = text.length === 0 ? 0 : at % text.length;
  if (kind === 0) return text.slice(0, i) + char + text.slice(i + 1);
  if (kind === 1) return text.slice(0, i) + text.slice(i + 1);
  if (kind === 2) return text.slice(0, i) + char + text.slice(i);
  const lines = text.split('\n');
  const j = at % lines.length;
  if (kind === 3) return [...lines.slice(0, j), ...lines.slice(j + 1)].join('\n');
  return [...lines.slice(0, j), lines[j]!, ...lines.slice(j)].join('\n');
}

describe('firmware parsers, for any input', () => {
  it('round-trip every image through Intel HEX', () => {
    fc.assert(fc.property(segmentsArb, startArb, fc.integer({ min: 1, max: 255 }), (segments, startAddress, size) => {
      const image = imageOf('ihex', segments, startAddress);
      expect(parseIntelHex(writeIntelHex(image, size))).toEqual({ ok: true, image });
    }), { numRuns: 150 });
  });

  it('round-trip every image through S-records', () => {
    fc.assert(fc.property(segmentsArb, fc.integer({ min: 0, max: 0xffff_ffff }), fc.integer({ min: 1, max: 250 }), (segments, startAddress, size) => {
      const image = imageOf('srec', segments, startAddress);
      expect(parseSrec(writeSrec(image, { recordSize: size }))).toEqual({ ok: true, image });
    }), { numRuns: 150 });
  });

  it('answer mutated files with a well-formed image or a coded error, never a throw', () => {
    const mutation = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.nat(), fc.constantFrom(...':S0123456789ABCDEFZ\n\r \u00e9'.split('')));
    fc.assert(fc.property(segmentsArb, fc.boolean(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (segments, hex, mutations) => {
      let text = hex ? writeIntelHex({ segments }, 16) : writeSrec({ segments }, { recordSize: 16 });
      for (const [kind, at, char] of mutations) text = mutate(text, kind, at, char);
      const result = hex ? parseIntelHex(text) : parseSrec(text);
      if (result.ok) return isWellFormed(result.image);
      return result.error instanceof FirmwareError && (result.error.code === 'FIRMWARE_EMPTY' || (result.error.line ?? 0) >= 1);
    }), { numRuns: 400 });
  });

  it('answer random bytes with a coded error or a well-formed image, never a throw', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.option(fc.nat(), { nil: undefined }), (bytes, baseAddress) => {
      const result = parseFirmware(bytes, baseAddress === undefined ? {} : { baseAddress });
      return result.ok ? isWellFormed(result.image) : result.error instanceof FirmwareError;
    }), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...':S0123456789ABCDEF\n'.split('')), maxLength: 120 }), (text) => {
      const bytes = new TextEncoder().encode(text);
      const result = parseFirmware(bytes);
      return result.ok ? isWellFormed(result.image) : result.error instanceof FirmwareError;
    }), { numRuns: 500 });
  });
});
