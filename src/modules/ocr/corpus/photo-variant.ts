import sharp from 'sharp';
import type { Random } from './random.ts';

/** How a clean scan was degraded into a phone photo (kept with the ground truth). */
export interface PhotoDegradation {
  rotationDegrees: number;
  blurSigma: number;
  noise: number;
  light: number;
  jpegQuality: number;
  scale: number;
}

/**
 * A phone photo of the card from its clean scan: laid on a table (dark margin), turned up to 3°,
 * lit unevenly (one side up to 35% darker), slightly out of focus, grainy, scaled down and
 * JPEG-compressed.
 */
export async function phonePhoto(cleanPng: Uint8Array, random: Random): Promise<{ jpeg: Uint8Array; degradation: PhotoDegradation }> {
  const meta = await sharp(cleanPng).metadata();
  const width = meta.width ?? 1;
  const height = meta.height ?? 1;
  const degradation: PhotoDegradation = {
    rotationDegrees: Math.round((random.next() * 6 - 3) * 10) / 10,
    blurSigma: Math.round((0.5 + random.next() * 0.9) * 100) / 100,
    noise: random.int(6, 18),
    light: Math.round((0.65 + random.next() * 0.25) * 100) / 100,
    jpegQuality: random.int(45, 80),
    scale: Math.round((0.75 + random.next() * 0.2) * 100) / 100,
  };
  const angle = random.int(0, 359);
  const shade = Math.round(255 * degradation.light);
  const lightSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="l" gradientTransform="rotate(${angle} 0.5 0.5)"><stop offset="0" stop-color="rgb(${shade},${shade},${shade})"/><stop offset="1" stop-color="#fff"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#l)"/></svg>`;
  const grain = Buffer.alloc(width * height);
  for (let i = 0; i < grain.length; i++) grain[i] = 128 + Math.round((random.next() + random.next() + random.next() - 1.5) * 2 * degradation.noise);
  const grainPng = await sharp(grain, { raw: { width, height, channels: 1 } }).png().toBuffer();
  const lit = await sharp(cleanPng)
    .composite([
      { input: Buffer.from(lightSvg), blend: 'multiply' },
      { input: grainPng, blend: 'overlay' },
    ])
    .png()
    .toBuffer();
  const margin = Math.round(width * 0.04);
  const table = { r: random.int(60, 110), g: random.int(50, 90), b: random.int(40, 80) };
  const jpeg = await sharp(lit)
    .extend({ top: margin, bottom: margin, left: margin, right: margin, background: table })
    .rotate(degradation.rotationDegrees, { background: table })
    .blur(degradation.blurSigma)
    .resize({ width: Math.round((width + 2 * margin) * degradation.scale) })
    .jpeg({ quality: degradation.jpegQuality })
    .toBuffer();
  return { jpeg: new Uint8Array(jpeg), degradation };
}
