import type { GrayImage } from './gray-image.ts';

/**
 * Estimates the skew of text lines on a page, in degrees: positive when the lines descend to the
 * right (the page was turned clockwise, as sharp's `rotate(angle)` turns it), so `rotate(-angle)`
 * levels them, by the projection-profile method: the angle
 * whose sheared row sums of dark pixels vary most is the one where rows fall between text lines.
 * Works on a small copy (a few hundred pixels wide is enough) and returns 0 for a blank page.
 */
export function estimateSkewDegrees(image: GrayImage, options: { maxDegrees?: number; stepDegrees?: number } = {}): number {
  const maxDegrees = options.maxDegrees ?? 4;
  const step = options.stepDegrees ?? 0.25;
  const { width, height } = image;
  if (width === 0 || height === 0) return 0;
  const dark = darkPixels(image);
  if (dark.length === 0) return 0;
  let best = 0;
  let bestScore = -1;
  // Coarse angles first, then a finer pass around the best one: about 40 profiles in all.
  const score = (degrees: number) => profileVariance(dark, width, height, degrees);
  for (let d = -maxDegrees; d <= maxDegrees + 1e-9; d += step) {
    const s = score(d);
    if (s > bestScore + 1e-9 || (Math.abs(s - bestScore) <= 1e-9 && Math.abs(d) < Math.abs(best))) {
      bestScore = s;
      best = d;
    }
  }
  const fine = step / 5;
  const center = best;
  for (let d = center - step; d <= center + step + 1e-9; d += fine) {
    const s = score(d);
    if (s > bestScore + 1e-9) {
      bestScore = s;
      best = d;
    }
  }
  return Math.round(best * 100) / 100;
}

/** Indices (x, y pairs packed as x + y * width) of pixels darker than the page's mean minus a margin. */
function darkPixels(image: GrayImage): Int32Array {
  const { data } = image;
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i] ?? 0;
  const mean = sum / data.length;
  const limit = Math.min(mean - 40, 160);
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) if ((data[i] ?? 255) < limit) out.push(i);
  return Int32Array.from(out);
}

/** Variance of the row histogram when each dark pixel's row is shifted by x·tan(angle). */
function profileVariance(dark: Int32Array, width: number, height: number, degrees: number): number {
  const t = Math.tan((degrees * Math.PI) / 180);
  const pad = Math.ceil(Math.abs(t) * width) + 1;
  const rows = new Float64Array(height + 2 * pad);
  for (let k = 0; k < dark.length; k++) {
    const i = dark[k] ?? 0;
    const x = i % width;
    const y = (i - x) / width;
    const r = Math.round(y - x * t) + pad;
    rows[r] = (rows[r] ?? 0) + 1;
  }
  let s = 0;
  let s2 = 0;
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r] ?? 0;
    s += v;
    s2 += v * v;
  }
  const n = rows.length;
  return s2 / n - (s / n) ** 2;
}
