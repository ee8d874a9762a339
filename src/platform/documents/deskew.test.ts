import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateSkewDegrees } from './deskew.ts';
import type { GrayImage } from './gray-image.ts';

/** Paper with dark horizontal strokes (text lines), sheared by `degrees` (clockwise). */
function strokes(degrees: number, width = 400, height = 300, gap = 24): GrayImage {
  const data = new Uint8Array(width * height).fill(235);
  const t = Math.tan((degrees * Math.PI) / 180);
  for (let base = 30; base < height - 30; base += gap) {
    for (let x = 20; x < width - 20; x++) {
      if (x % 13 > 9) continue; // gaps between letters
      for (let dy = 0; dy < 8; dy++) {
        const y = Math.round(base + dy + x * t);
        if (y >= 0 && y < height) data[y * width + x] = 20;
      }
    }
  }
  return { width, height, data };
}

describe('estimateSkewDegrees', () => {
  it('finds the angle of the text lines within a quarter of a degree', () => {
    fc.assert(
      fc.property(fc.double({ min: -3.5, max: 3.5, noNaN: true }), (degrees) => {
        expect(Math.abs(estimateSkewDegrees(strokes(degrees)) - degrees)).toBeLessThan(0.25);
      }),
      { numRuns: 25 },
    );
  });

  it('calls a blank or empty page level', () => {
    expect(estimateSkewDegrees({ width: 50, height: 40, data: new Uint8Array(2000).fill(250) })).toBe(0);
    expect(estimateSkewDegrees({ width: 0, height: 0, data: new Uint8Array() })).toBe(0);
  });
});
