import type { GrayImage } from './gray-image.ts';

/**
 * Binarises a page by comparing each pixel with the mean of its neighbourhood (Bradley–Roth,
 * with an integral image): a pixel is black when it is `sensitivity` darker than the local mean.
 * Unlike one global threshold it survives uneven light (a shadow across a phone photo).
 * `window` is the neighbourhood's side in pixels (about an eighth of the page width works).
 */
export function adaptiveThreshold(image: GrayImage, options: { window?: number; sensitivity?: number } = {}): GrayImage {
  const { width, height, data } = image;
  const window = Math.max(3, Math.round(options.window ?? Math.max(width, height) / 16));
  const sensitivity = options.sensitivity ?? 0.25;
  const half = Math.floor(window / 2);
  const stride = width + 1;
  // Integral image with a zero first row and column; float64 holds sums of 2^31 pixels exactly.
  const integral = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[y * width + x] ?? 0;
      integral[(y + 1) * stride + x + 1] = (integral[y * stride + x + 1] ?? 0) + row;
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - half);
    const y1 = Math.min(height, y + half + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - half);
      const x1 = Math.min(width, x + half + 1);
      const area = (x1 - x0) * (y1 - y0);
      const sum =
        (integral[y1 * stride + x1] ?? 0) - (integral[y0 * stride + x1] ?? 0) - (integral[y1 * stride + x0] ?? 0) + (integral[y0 * stride + x0] ?? 0);
      const value = data[y * width + x] ?? 0;
      out[y * width + x] = value * area < sum * (1 - sensitivity) ? 0 : 255;
    }
  }
  return { width, height, data: out };
}
