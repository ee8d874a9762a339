import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adaptiveThreshold } from './adaptive-threshold.ts';

describe('adaptiveThreshold', () => {
  it('gives only black and white pixels, and keeps the size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.infiniteStream(fc.integer({ min: 0, max: 255 })), (width, height, values) => {
        const it = values[Symbol.iterator]();
        const data = Uint8Array.from({ length: width * height }, () => it.next().value as number);
        const out = adaptiveThreshold({ width, height, data });
        expect([out.width, out.height, out.data.length]).toEqual([width, height, width * height]);
        expect(out.data.every((v) => v === 0 || v === 255)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('leaves a uniform page white whatever its shade', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (shade) => {
        const out = adaptiveThreshold({ width: 30, height: 20, data: new Uint8Array(600).fill(shade) });
        expect(out.data.every((v) => v === 255)).toBe(true);
      }),
    );
  });

  it('keeps dark strokes black across a shadow that a global threshold would blacken', () => {
    const width = 200;
    const height = 60;
    // Light falls from 250 on the left to 90 on the right; strokes are 60% of the local light.
    const light = (x: number) => 250 - (160 * x) / width;
    const stroke = (x: number, y: number) => y >= 25 && y < 35 && x % 20 < 4;
    const data = Uint8Array.from({ length: width * height }, (_, i) => {
      const x = i % width;
      const y = Math.floor(i / width);
      return Math.round(stroke(x, y) ? light(x) * 0.4 : light(x));
    });
    const out = adaptiveThreshold({ width, height, data }, { window: 31 });
    for (let i = 0; i < data.length; i++) {
      const x = i % width;
      const y = Math.floor(i / width);
      expect(out.data[i]).toBe(stroke(x, y) ? 0 : 255);
    }
  });
});
