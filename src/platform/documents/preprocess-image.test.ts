import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { pngClaimingSize, textLinesImage } from './image-fixtures.ts';
import { preprocessPageImage, readImageHeader } from './preprocess-image.ts';

/** Width, height and pixels of a binary PGM. */
function readPgm(bytes: Uint8Array) {
  const header = /^P5\n(\d+) (\d+)\n255\n/.exec(Buffer.from(bytes.subarray(0, 40)).toString('latin1'));
  if (!header) throw new Error('not a PGM');
  return { width: Number(header[1]), height: Number(header[2]), pixels: bytes.subarray(header[0].length) };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof AppError ? `${error.status} ${error.code}` : String(error)),
  );

describe('preprocessPageImage', () => {
  it('levels a page turned by two degrees and scales it to the target size', async () => {
    const page = await preprocessPageImage(await textLinesImage(['A AB-123-CD', 'E VF1RFB00X56123456', 'C.1 DUPONT'], { degrees: 2 }), {
      targetLongSide: 2000,
      preview: true,
    });
    expect(page.rotatedDegrees).toBeGreaterThan(-2.3);
    expect(page.rotatedDegrees).toBeLessThan(-1.7);
    expect(Math.max(page.width, page.height)).toBeGreaterThanOrEqual(1990);
    const pgm = readPgm(page.image);
    expect([pgm.width, pgm.height, pgm.pixels.length]).toEqual([page.width, page.height, page.width * page.height]);
    expect((await sharp(page.preview).metadata()).format).toBe('jpeg');
  });

  it('binarises the page for the engine: only black and white remain', async () => {
    const page = await preprocessPageImage(await textLinesImage(['D.1 RENAULT']), { targetLongSide: 800 });
    expect(new Set(readPgm(page.image).pixels)).toEqual(new Set([0, 255]));
  });

  it('applies the EXIF orientation of a phone photo', async () => {
    const upright = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#eee' } }).jpeg().toBuffer();
    const turned = await sharp(upright).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const page = await preprocessPageImage(turned, { targetLongSide: 300, deskew: false });
    expect([page.width, page.height]).toEqual([100, 300]);
  });

  it('refuses a decompression bomb from its header, before decoding it', async () => {
    expect(await rejection(preprocessPageImage(await pngClaimingSize(50_000, 50_000)))).toBe('413 IMAGE_TOO_LARGE');
    expect(await rejection(readImageHeader(await pngClaimingSize(5_000, 5_000), 1_000_000))).toBe('413 IMAGE_TOO_LARGE');
  });

  it('refuses truncated, corrupt and non-image bytes with 422', async () => {
    const png = await textLinesImage(['A AB-123-CD']);
    expect(await rejection(preprocessPageImage(png.slice(0, png.length / 2)))).toBe('422 IMAGE_UNREADABLE');
    const corrupt = Uint8Array.from(png);
    corrupt.fill(7, 60, 400);
    expect(await rejection(preprocessPageImage(corrupt))).toBe('422 IMAGE_UNREADABLE');
    expect(await rejection(preprocessPageImage(Buffer.from('%PDF-1.4 nope')))).toBe('422 IMAGE_UNREADABLE');
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer();
    expect(await rejection(preprocessPageImage(gif))).toBe('422 IMAGE_UNREADABLE');
  });
});
