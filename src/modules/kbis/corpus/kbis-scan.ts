import sharp from 'sharp';
import { renderPdfPages } from '../../../platform/documents/pdf-render.ts';
import type { SeededRandom } from './seeded-random.ts';

/** How a page was degraded (kept with the case, to explain a misread). */
export interface ScanDegradation {
  rotationDegrees: number;
  blurSigma: number;
  noise: number;
  jpegQuality: number;
}

/**
 * A scan or phone photo of the first page of an extract: the PDF rendered at `dpi`, turned a
 * little, blurred, speckled with noise and compressed as JPEG, the way a flatbed scanner or a
 * phone camera delivers it.
 */
export async function kbisScan(pdf: Uint8Array, rng: SeededRandom, options: { dpi?: number } = {}): Promise<{ jpeg: Uint8Array; degradation: ScanDegradation }> {
  const degradation: ScanDegradation = {
    rotationDegrees: Math.round((rng.next() * 3 - 1.5) * 10) / 10,
    blurSigma: Math.round((0.4 + rng.next() * 0.6) * 100) / 100,
    noise: rng.int(6, 18),
    jpegQuality: rng.int(55, 80),
  };
  const [page] = (await renderPdfPages(pdf, { dpi: options.dpi ?? 200, maxPages: 1 })).pages;
  if (!page) throw new Error('the PDF has no page to scan');
  const turned = await sharp(page.png)
    .rotate(degradation.rotationDegrees, { background: '#ffffff' })
    .blur(degradation.blurSigma)
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const px = turned.data;
  // Sensor noise: a uniform speckle around each pixel's value, reproducible from the seed.
  for (let i = 0; i < px.length; i++) px[i] = Math.max(0, Math.min(255, px[i]! + Math.round((rng.next() - 0.5) * 2 * degradation.noise)));
  const jpeg = await sharp(px, { raw: { width: turned.info.width, height: turned.info.height, channels: turned.info.channels } })
    .jpeg({ quality: degradation.jpegQuality })
    .toBuffer();
  return { jpeg: new Uint8Array(jpeg), degradation };
}

/** A page with nothing to read (a photo of a blank sheet, a wrong document): grey noise as JPEG. */
export async function blankScan(rng: SeededRandom): Promise<Uint8Array> {
  const width = 1240;
  const height = 1754;
  const px = Buffer.alloc(width * height);
  for (let i = 0; i < px.length; i++) px[i] = 200 + Math.floor(rng.next() * 40);
  return new Uint8Array(await sharp(px, { raw: { width, height, channels: 1 } }).jpeg({ quality: 70 }).toBuffer());
}
