import fc from 'fast-check';
import type { Block } from 'tesseract.js';
import { describe, expect, it } from 'vitest';
import { linesFromBlocks } from './tesseract-page.ts';

const bbox = fc.record({ x0: fc.nat(5000), y0: fc.nat(5000), x1: fc.nat(5000), y1: fc.nat(5000) });
const confidence = fc.double({ min: 0, max: 100, noNaN: true });
const word = fc.record({ text: fc.oneof(fc.stringMatching(/^[A-Za-z0-9.,:/-]{1,8}$/), fc.constantFrom('', ' ', '\n')), confidence, bbox });
const line = fc.record({ words: fc.array(word, { maxLength: 5 }), confidence, bbox });
const paragraph = fc.record({ lines: fc.array(line, { maxLength: 4 }) });
// Only the parts of tesseract.js's result the conversion reads; the rest of its shape is left out.
const blocks = fc.array(fc.record({ paragraphs: fc.array(paragraph, { maxLength: 3 }) }), { maxLength: 3 }).map((b) => b as unknown as Block[]);

describe('linesFromBlocks', () => {
  it('gives every line with text, in reading order, its non-blank words with their boxes and confidences to a tenth', () => {
    fc.assert(
      fc.property(blocks, (input) => {
        const expected = input
          .flatMap((b) => b.paragraphs.flatMap((p) => p.lines))
          .map((l) => ({ line: l, words: l.words.filter((w) => w.text.trim() !== '') }))
          .filter((l) => l.words.length > 0);
        const lines = linesFromBlocks(input);
        expect(lines).toHaveLength(expected.length);
        lines.forEach((got, i) => {
          const want = expected[i]!;
          expect(got.words.map((w) => w.text)).toEqual(want.words.map((w) => w.text));
          expect(got.text).toBe(got.words.map((w) => w.text).join(' '));
          expect(got.box).toEqual(want.line.bbox);
          expect(got.words.map((w) => w.box)).toEqual(want.words.map((w) => w.bbox));
          for (const [c, original] of [[got.confidence, want.line.confidence], ...got.words.map((w, j) => [w.confidence, want.words[j]!.confidence])] as [number, number][]) {
            expect(Math.abs(c - original)).toBeLessThanOrEqual(0.05 + 1e-9);
            expect(Math.round(c * 10)).toBeCloseTo(c * 10, 6);
          }
        });
      }),
    );
  });
});
