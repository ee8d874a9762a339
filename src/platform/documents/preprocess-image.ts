import sharp from 'sharp';
import { AppError, unprocessable } from '../errors.ts';
import { adaptiveThreshold } from './adaptive-threshold.ts';
import { estimateSkewDegrees } from './deskew.ts';
import type { GrayImage } from './gray-image.ts';

/** How a page image is prepared for OCR. */
export interface PreprocessOptions {
  /** Decoded pixels (width × height) past which the image is refused: 413 `IMAGE_TOO_LARGE`. */
  maxInputPixels?: number;
  /**
   * Long side, in pixels, the page is scaled to when the image carries no usable density: a
   * registration certificate's printed part (about 21 cm) at 300 dpi is about 2,500 pixels.
   */
  targetLongSide?: number;
  /** Binarise with a local threshold (default true); off, the page stays normalised grayscale. */
  binarize?: boolean;
  /** Level the text lines (default true). */
  deskew?: boolean;
  /** Also encode the levelled page as a JPEG preview. */
  preview?: boolean;
}

/** A page ready for the OCR engine, and the same geometry in grayscale for showing boxes over. */
export interface PreprocessedPage {
  /**
   * The page as the engine should read it, as a binary PGM (portable graymap): no compression
   * to spend time on either side, and every reader (leptonica included) decodes it.
   */
  image: Uint8Array;
  /** JPEG of the page with the same geometry, before binarisation (what a user is shown), when asked. */
  preview?: Uint8Array;
  width: number;
  height: number;
  /** Rotation applied to level the lines, in degrees (sharp's clockwise convention). */
  rotatedDegrees: number;
}

/** 40 megapixels: a 7,000 × 5,700 phone photo passes, a decompression bomb does not. */
export const DEFAULT_MAX_INPUT_PIXELS = 40_000_000;

/**
 * Prepares a PNG or JPEG page for OCR with sharp: EXIF orientation applied, grayscale, scaled to
 * about 300 dpi, levelled (projection-profile deskew), and binarised with an adaptive threshold
 * (which also evens out the light). Rejects undecodable bytes with 422 `IMAGE_UNREADABLE` and pixel dimensions
 * past `maxInputPixels` with 413 `IMAGE_TOO_LARGE` (checked from the header, before decoding).
 */
export async function preprocessPageImage(bytes: Uint8Array, options: PreprocessOptions = {}): Promise<PreprocessedPage> {
  const maxPixels = options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS;
  const meta = await readImageHeader(bytes, maxPixels);
  try {
    const oriented = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' })
      .rotate()
      // Transparent pixels become paper white, and the page one channel.
      .flatten({ background: '#ffffff' })
      .grayscale()
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { width, height } = oriented.info;
    const scale = scaleFor(width, height, meta.density, options.targetLongSide ?? 2500);
    let rotatedDegrees = 0;
    let paper = 255;
    if (options.deskew !== false) {
      const small = await sharpRaw(oriented.data, width, height)
        .resize({ width: Math.min(width, 800), kernel: 'linear' })
        .extractChannel(0)
        .raw()
        .toBuffer({ resolveWithObject: true });
      const smallPage = { width: small.info.width, height: small.info.height, data: new Uint8Array(small.data) };
      // Measured on the binarised copy, so that a dark table around a photographed card is no "text".
      const skew = estimateSkewDegrees(adaptiveThreshold(smallPage, { window: Math.round(smallPage.width / 24) }));
      if (Math.abs(skew) >= 0.2) rotatedDegrees = -skew;
      paper = paperShade(small.data);
    }
    let pipeline = sharpRaw(oriented.data, width, height);
    // Within 15% of the target the engine reads as well, and resampling costs more than it gives.
    if (Math.abs(scale - 1) > 0.15) {
      pipeline = pipeline.resize({ width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)), kernel: 'linear' });
    }
    if (rotatedDegrees !== 0) pipeline = pipeline.rotate(rotatedDegrees, { background: { r: paper, g: paper, b: paper } });
    // sharp writes sRGB even from one-channel input: one channel again, explicitly.
    const levelled = await pipeline.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    const page = { width: levelled.info.width, height: levelled.info.height, data: new Uint8Array(levelled.data) };
    const preview = options.preview ? new Uint8Array(await sharpRaw(levelled.data, page.width, page.height).jpeg({ quality: 80 }).toBuffer()) : undefined;
    // No global contrast stretch: the local threshold compares each pixel with its neighbourhood.
    const forEngine = options.binarize === false ? page : adaptiveThreshold(page, { window: Math.round(page.width / 24) });
    return { image: portableGraymap(forEngine), ...(preview ? { preview } : {}), width: page.width, height: page.height, rotatedDegrees };
  } catch (error) {
    throw asImageError(error);
  }
}

/**
 * Width, height and density of a PNG or JPEG from its header alone (nothing is decoded), or 422
 * `IMAGE_UNREADABLE`; 413 `IMAGE_TOO_LARGE` past `maxPixels`.
 */
export async function readImageHeader(
  bytes: Uint8Array,
  maxPixels = DEFAULT_MAX_INPUT_PIXELS,
): Promise<{ width: number; height: number; density: number | undefined }> {
  const meta = await readHeader(bytes);
  if (meta.width * meta.height > maxPixels) {
    throw new AppError(413, 'IMAGE_TOO_LARGE', `The image is ${meta.width} × ${meta.height} pixels; at most ${maxPixels} pixels are read.`, {
      details: { width: meta.width, height: meta.height, maxPixels },
    });
  }
  return meta;
}

async function readHeader(bytes: Uint8Array): Promise<{ width: number; height: number; density: number | undefined }> {
  try {
    // limitInputPixels: false here so that a bomb's header is read and refused with its size.
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    if ((meta.format !== 'png' && meta.format !== 'jpeg') || !meta.width || !meta.height) {
      throw unprocessable('IMAGE_UNREADABLE', 'The page is not a PNG or JPEG image.');
    }
    // EXIF orientations 5 to 8 swap the sides; the pixel count is the same either way.
    return { width: meta.width, height: meta.height, density: meta.density };
  } catch (error) {
    throw asImageError(error);
  }
}

/**
 * The shade of the paper (the 90th percentile of the pixels): the corners a rotation uncovers
 * are filled with it, so that thresholding draws no edge where the page ends.
 */
function paperShade(pixels: Uint8Array): number {
  const histogram = new Uint32Array(256);
  for (const value of pixels) histogram[value] = (histogram[value] ?? 0) + 1;
  let seen = 0;
  for (let shade = 0; shade < 256; shade++) {
    seen += histogram[shade] ?? 0;
    if (seen >= pixels.length * 0.9) return shade;
  }
  return 255;
}

/** A one-channel image as a binary PGM (P5): a text header, then the pixels. */
export function portableGraymap(image: GrayImage): Uint8Array {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header, 0);
  out.set(image.data, header.length);
  return out;
}

function sharpRaw(data: Buffer | Uint8Array, width: number, height: number) {
  return sharp(data, { raw: { width, height, channels: 1 } });
}

/** Scale to 300 dpi when the file states a plausible density, else to the target long side. */
function scaleFor(width: number, height: number, density: number | undefined, targetLongSide: number): number {
  if (density !== undefined && density >= 100 && density <= 1200 && density !== 72) return Math.min(4, 300 / density);
  return Math.min(4, targetLongSide / Math.max(width, height));
}

function asImageError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new AppError(413, 'IMAGE_TOO_LARGE', 'The image has too many pixels to be read.', { cause: error });
  return unprocessable('IMAGE_UNREADABLE', 'The image could not be decoded (corrupt or truncated file).', { reason: message.slice(0, 200) });
}
