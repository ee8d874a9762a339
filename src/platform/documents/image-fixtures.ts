import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/**
 * A valid PNG whose header claims `width` × `height` pixels (with a correct CRC) over a tiny
 * body: what a decompression bomb looks like to a reader that trusts the header.
 */
export async function pngClaimingSize(width: number, height: number): Promise<Uint8Array> {
  const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer());
  // IHDR data starts at byte 16 (8 signature + 4 length + 4 type); its CRC follows its 13 bytes.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** Dark text lines on light paper, turned `degrees` clockwise, as a PNG. */
export async function textLinesImage(lines: readonly string[], options: { degrees?: number; width?: number } = {}): Promise<Uint8Array> {
  const width = options.width ?? 1400;
  const height = 120 + lines.length * 70;
  const body = lines
    .map((line, i) => `<text x="60" y="${100 + i * 70}" font-family="DejaVu Sans" font-size="34">${line.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f2eee4"/>${body}</svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).rotate(options.degrees ?? 0, { background: '#f2eee4' }).png().toBuffer());
}
