import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlappingTexts, rowsOf, type PlacedText } from './text-rows.ts';

const piece = (text: string, x0: number, y0: number, w = 40, h = 10): PlacedText => ({ text, box: { x0, y0, x1: x0 + w, y1: y0 + h } });

describe('text rows', () => {
  it('join a label and its value printed apart on one line, whatever order they come in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([piece('Capital social', 48, 100), piece('10 000,00 Euros', 250, 101), piece('Forme juridique', 48, 120), piece('SAS', 250, 119)], { minLength: 4, maxLength: 4 }), (pieces) => {
        expect(rowsOf(pieces)).toEqual(['Capital social 10 000,00 Euros', 'Forme juridique SAS']);
      }),
    );
  });

  it('never lose or invent text', () => {
    const arb = fc.array(fc.record({ text: fc.stringMatching(/^[a-z]{1,8}$/), x: fc.integer({ min: 0, max: 500 }), y: fc.integer({ min: 0, max: 800 }) }), { maxLength: 30 });
    fc.assert(
      fc.property(arb, (items) => {
        const rows = rowsOf(items.map((i) => piece(i.text, i.x, i.y)));
        expect(rows.join(' ').split(' ').filter(Boolean).sort()).toEqual(items.map((i) => i.text).sort());
      }),
    );
  });

  it('find different texts printed over each other, not neighbours', () => {
    expect(overlappingTexts([piece('10 000', 250, 100), piece('150 000', 252, 101)])).toEqual([['10 000', '150 000']]);
    expect(overlappingTexts([piece('10 000', 250, 100), piece('Euros', 292, 100)])).toEqual([]);
  });
});
