import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { buildFixturePdf, type FixtureText } from './pdf-fixture.ts';
import { renderPdfPages } from './pdf-render.ts';
import { pdfTextLayer } from './pdf-text-layer.ts';

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof AppError ? `${error.status} ${error.code}` : `unexpected ${String(error)}`),
  );

const WIDTH = 300;
const HEIGHT = 400;
// Words of a certificate's values, in Helvetica's standard encoding; one text per line of the page.
const text = fc.array(fc.stringMatching(/^[A-Z0-9/.\-()]{1,10}$/), { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
const page = fc.uniqueArray(fc.integer({ min: 0, max: 16 }), { maxLength: 8 }).chain((rows) =>
  fc.tuple(...rows.map((row) => fc.record({ x: fc.integer({ min: 10, max: 120 }), y: fc.constant(30 + row * 20), size: fc.integer({ min: 6, max: 12 }), text }))),
);

describe('pdfTextLayer and renderPdfPages on generated PDFs', () => {
  it('give back every printed word, on its line, with boxes inside the page at the asked resolution', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(page, { minLength: 1, maxLength: 3 }), fc.constantFrom(72, 100, 150), async (pages, dpi) => {
        const pdf = buildFixturePdf(pages as FixtureText[][], { width: WIDTH, height: HEIGHT });
        const read = await pdfTextLayer(pdf, { dpi });
        expect(read).toHaveLength(pages.length);
        read.forEach((got, i) => {
          const printed = pages[i] ?? [];
          // mupdf gives the lines in the order the page draws them.
          expect(got.lines.map((l) => l.text)).toEqual(printed.map((t) => t.text));
          expect([got.width, got.height]).toEqual([Math.round((WIDTH * dpi) / 72), Math.round((HEIGHT * dpi) / 72)]);
          for (const line of got.lines) {
            expect(line.text).toBe(line.words.map((w) => w.text).join(' '));
            for (const { box } of [line, ...line.words]) {
              expect(0 <= box.x0 && box.x0 <= box.x1 && box.x1 <= got.width).toBe(true);
              expect(0 <= box.y0 && box.y0 <= box.y1 && box.y1 <= got.height).toBe(true);
            }
          }
          expect(got.confidence).toBe(got.lines.length > 0 ? 100 : 0);
        });
        const { pages: rendered, pageCount } = await renderPdfPages(pdf, { dpi: 36, maxPages: 2 });
        expect(pageCount).toBe(pages.length);
        expect(rendered.map((r) => [r.width, r.height])).toEqual(rendered.map(() => [WIDTH / 2, HEIGHT / 2]));
      }),
      { numRuns: 30 },
    );
  });

  it('read random bytes, and damaged PDFs, or refuse them with a 4xx code, never another error', async () => {
    const pdf = buildFixturePdf([[{ x: 20, y: 40, size: 10, text: 'A AB-123-CD' }], []], { width: WIDTH, height: HEIGHT });
    const damaged = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc.uint8Array({ maxLength: 200 }).map((junk) => Uint8Array.from([...Buffer.from('%PDF-1.7\n'), ...junk, ...Buffer.from('\n%%EOF\n')])),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 12 }).map((flips) => {
        const out = Uint8Array.from(pdf);
        for (const [at, mask] of flips) out[at % out.length] = (out[at % out.length] ?? 0) ^ mask;
        return out;
      }),
      fc.double({ min: 0, max: 1, noNaN: true }).map((at) => pdf.slice(0, Math.floor(pdf.length * at))),
    );
    const allowed = /^(resolved|422 PDF_(UNREADABLE|TRUNCATED|EMPTY|ENCRYPTED)|413 IMAGE_TOO_LARGE)$/;
    await fc.assert(
      fc.asyncProperty(damaged, async (bytes) => {
        expect(await outcome(pdfTextLayer(bytes, { dpi: 72, maxPages: 1 }))).toMatch(allowed);
        expect(await outcome(renderPdfPages(bytes, { dpi: 36, maxPages: 1, maxPixels: 4_000_000 }))).toMatch(allowed);
      }),
      { numRuns: 120 },
    );
  });
});
