import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECODE_ERROR_CODES, decodeElmOutput, decodeFrames, type DecodedFrame } from './index.ts';

const hex = (bytes: Uint8Array, sep: string) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(sep);

/** Bytes that start like real responses, so that the decoders behind each service byte get exercised. */
const responseBytes = fc
  .tuple(fc.constantFrom(0x41, 0x42, 0x43, 0x44, 0x47, 0x49, 0x4a, 0x54, 0x59, 0x62, 0x7f, 0x46, 0x01), fc.uint8Array({ maxLength: 40 }))
  .map(([service, rest]) => {
    const bytes = new Uint8Array(rest.length + 1);
    bytes[0] = service;
    bytes.set(rest, 1);
    if (service === 0x62 && bytes.length > 1) bytes[1] = rest[0]! % 2 ? 0xf4 : 0xf8;
    return bytes;
  });

const frameText = fc.oneof(
  fc.tuple(responseBytes, fc.constantFrom(' ', '', '  ')).map(([b, sep]) => hex(b, sep)),
  fc.tuple(responseBytes, fc.boolean()).map(([b, upper]) => (upper ? hex(b, ' ').toUpperCase() : hex(b, ''))),
  fc.uint8Array({ maxLength: 64 }).map((b) => hex(b, ' ')),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('014', '0: 49 02 01 31 44 34', '1: 47 50 30 30 52 35 35', 'F: 00', 'NO DATA', 'SEARCHING...', '>', '', '7F 22 31'),
  // Headers on: CAN identifiers followed by random PCI and data bytes.
  fc
    .tuple(fc.constantFrom('7E8 ', '7E9', '18 DA F1 10 ', '18DAF111'), fc.uint8Array({ maxLength: 9 }))
    .map(([id, b]) => id + hex(b, id.includes(' ') ? ' ' : '')),
  fc.constantFrom('7E8 10 14 49 02 01 31 44 34', '7E8 21 47 50 30 30 52 35 35', '7E9 22 42 31 32 33 34 35 36', '7E8 03 41 0D 32'),
);

const isWellFormed = (e: DecodedFrame) =>
  ('error' in e && (DECODE_ERROR_CODES as readonly string[]).includes(e.error.code) && e.error.detail.length > 0) || 'continuation' in e || 'mode' in e;

describe('decoding arbitrary input', () => {
  it('never throws on random frames and answers one entry per frame', () => {
    fc.assert(
      fc.property(fc.array(frameText, { maxLength: 12 }), fc.constantFrom(undefined, 'can' as const, 'legacy' as const), (frames, protocol) => {
        const out = decodeFrames(frames, protocol ? { protocol } : {});
        expect(out).toHaveLength(frames.length);
        expect(out.every(isWellFormed)).toBe(true);
        // Continuations point back at the entry that holds their message.
        out.forEach((e, i) => {
          if ('continuation' in e) expect(e.continuation.of).toBeLessThan(i);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on values that are not strings at all', () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 8 }), (frames) => {
        const out = decodeFrames(frames);
        expect(out).toHaveLength(frames.length);
        expect(out.every(isWellFormed)).toBe(true);
      }),
      { numRuns: 100 },
    );
    expect(decodeFrames(null as unknown as string[])).toEqual([]);
    expect(decodeFrames(['41 0D 32'], null as unknown as undefined)[0]).toMatchObject({ value: 50 });
    expect(decodeElmOutput(42 as unknown as string)).toEqual([]);
  });

  it('never throws on random multi-line ELM output', () => {
    fc.assert(
      fc.property(fc.array(frameText, { maxLength: 12 }), fc.constantFrom('\r', '\n', '\r\n'), (lines, eol) => {
        const out = decodeElmOutput(lines.join(eol) + eol + '>');
        expect(out.every(isWellFormed)).toBe(true);
        expect(out.some((e) => 'continuation' in e)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('returns every result as plain JSON', () => {
    fc.assert(
      fc.property(fc.array(frameText, { maxLength: 6 }), (frames) => {
        const out = decodeFrames(frames);
        expect(JSON.parse(JSON.stringify(out))).toEqual(out);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses very long lines instead of parsing them', () => {
    expect(decodeFrames(['41'.repeat(20_000)])[0]).toMatchObject({ error: { code: 'FRAME_TOO_LONG' } });
  });
});
