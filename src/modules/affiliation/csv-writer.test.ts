import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv-writer.ts';

const cell = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '=', '-', '+', '@', ' ', '\t'), maxLength: 12 }));

describe('CSV writer', () => {
  it('reads back as the same cells, formulas neutralised by a leading quote', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const back = parse(csvDocument(rows), { relax_column_count: true }) as string[][];
        expect(back).toEqual(rows.map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c))));
      }),
    );
  });

  it('never lets a text cell start a formula', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(csvCell(s).replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });

  it('writes numbers and nulls as they are', () => {
    expect(csvDocument([['orderId', -1234, null], ['=HYPERLINK("x")', 5, 'a,b']])).toBe('orderId,-1234,\r\n"\'=HYPERLINK(""x"")",5,"a,b"\r\n');
  });
});
