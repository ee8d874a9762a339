import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { preprocessPageImage, readImageHeader } from './preprocess-image.ts';

/** "resolved", or the AppError's status and code, or the unexpected error itself. */
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof AppError ? `${error.status} ${error.code}` : `unexpected ${String(error)}`),
  );

/** A small noisy page, as PNG or JPEG, to damage. */
async function smallPage(width: number, height: number, format: 'png' | 'jpeg', seed: number): Promise<Uint8Array> {
  const pixels = Buffer.alloc(width * height, 0);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761 + seed) % 251;
  const image = sharp(pixels, { raw: { width, height, channels: 1 } });
  return new Uint8Array(await (format === 'png' ? image.png() : image.jpeg({ quality: 70 })).toBuffer());
}

/** One way bytes get damaged in transit or on disk. */
const damage = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('flip' as const), flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), junk: fc.uint8Array({ minLength: 1, maxLength: 32 }) }),
);

function damaged(bytes: Uint8Array, how: typeof damage extends fc.Arbitrary<infer T> ? T : never): Uint8Array {
  if (how.kind === 'truncate') return bytes.slice(0, Math.floor(bytes.length * how.at));
  if (how.kind === 'flip') {
    const out = Uint8Array.from(bytes);
    for (const [at, mask] of how.flips) out[at % out.length] = (out[at % out.length] ?? 0) ^ mask;
    return out;
  }
  const at = how.at % (bytes.length + 1);
  return Uint8Array.from([...bytes.subarray(0, at), ...how.junk, ...bytes.subarray(at)]);
}

describe('image header and preprocessing on any bytes', () => {
  it('refuses random bytes with 422 IMAGE_UNREADABLE, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (bytes) => {
        expect(await outcome(readImageHeader(bytes))).toBe('422 IMAGE_UNREADABLE');
        expect(await outcome(preprocessPageImage(bytes))).toBe('422 IMAGE_UNREADABLE');
      }),
      { numRuns: 60 },
    );
  });

  it('reads a damaged PNG or JPEG into a page of the size it states, or refuses it with a 4xx code, never throwing anything else', async () => {
    const pages = { png: await smallPage(48, 36, 'png', 1), jpeg: await smallPage(48, 36, 'jpeg', 2) };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('png' as const, 'jpeg' as const), damage, async (format, how) => {
        const bytes = damaged(pages[format], how);
        let page: Awaited<ReturnType<typeof preprocessPageImage>> | undefined;
        const result = await outcome(
          preprocessPageImage(bytes, { targetLongSide: 48, maxInputPixels: 1_000_000 }).then((p) => {
            page = p;
          }),
        );
        expect(result).toMatch(/^(resolved|422 IMAGE_UNREADABLE|413 IMAGE_TOO_LARGE)$/);
        if (page) {
          const header = /^P5\n(\d+) (\d+)\n255\n/.exec(Buffer.from(page.image.subarray(0, 32)).toString('latin1'));
          expect(header && [Number(header[1]), Number(header[2])]).toEqual([page.width, page.height]);
          expect(page.image.length).toBe((header?.[0].length ?? 0) + page.width * page.height);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('states the pixel size of any valid image, and refuses with 413 past the limit, from the header alone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 400 }), fc.constantFrom('png' as const, 'jpeg' as const), async (width, height, format) => {
        const bytes = await smallPage(width, height, format, width * height);
        expect(await readImageHeader(bytes)).toMatchObject({ width, height });
        expect(await outcome(readImageHeader(bytes, width * height))).toBe('resolved');
        expect(await outcome(readImageHeader(bytes, width * height - 1))).toBe('413 IMAGE_TOO_LARGE');
      }),
      { numRuns: 40 },
    );
  });
});
