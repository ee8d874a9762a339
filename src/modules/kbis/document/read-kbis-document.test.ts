import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import type { OcrEngine, OcrPage } from '../../../platform/ports/ocr-engine.ts';
import { sampleCompany } from '../corpus/company-samples.ts';
import { kbisPdf } from '../corpus/kbis-pdf.ts';
import { kbisRows, layoutAsText } from '../corpus/kbis-layout.ts';
import { SeededRandom } from '../corpus/seeded-random.ts';
import { parseKbisText } from '../domain/parse-kbis.ts';
import { tamperSignals } from '../domain/tamper.ts';
import { readKbisDocument } from './read-kbis-document.ts';

const AT = new Date('2026-03-20T09:00:00Z');
const sample = sampleCompany(new SeededRandom(11), AT, 20);
const issued = new Date(`${sample.spec.fields.currentTo}T08:00:00Z`);

// An engine that "reads" the extract's rows, one line each, in reverse order (OCR gives no order guarantee).
function engineReading(rows: string[]): OcrEngine & { pages: number } {
  const engine = {
    pages: 0,
    async recognize(): Promise<OcrPage> {
      engine.pages++;
      const lines = rows.map((text, i) => ({ text, confidence: 90, box: { x0: 10, y0: i * 20, x1: 500, y1: i * 20 + 14 }, words: [] }));
      return { width: 1000, height: 2000, confidence: 90, text: rows.join('\n'), lines: lines.reverse() };
    },
    async close() {},
  };
  return engine;
}
const noOcr = async (): Promise<OcrEngine> => {
  throw new Error('a digital PDF must not need OCR');
};

describe('reading an extract', () => {
  it('reads a digital PDF from its text layer, exactly, without OCR', async () => {
    const doc = await readKbisDocument(await kbisPdf(sample.spec, issued), 'application/pdf', noOcr);
    expect(doc.readability.source).toBe('text-layer');
    expect(parseKbisText(doc.rows)).toEqual(sample.spec.fields);
    expect(tamperSignals({ ...doc.pdf!, currentTo: sample.spec.fields.currentTo, overlaps: doc.overlaps })).toEqual([]);
  });

  it('sees text printed over text, and the editing tool, in forged PDFs', async () => {
    const over = await readKbisDocument(await kbisPdf(sample.spec, issued, 'text-overprint'), 'application/pdf', noOcr);
    expect(tamperSignals({ ...over.pdf!, currentTo: null, overlaps: over.overlaps }).map((s) => s.signal)).toContain('text-overlap');
    const edited = await readKbisDocument(await kbisPdf(sample.spec, issued, 'editor-producer'), 'application/pdf', noOcr);
    expect(tamperSignals({ ...edited.pdf!, currentTo: null, overlaps: [] }).map((s) => s.signal)).toEqual(['producer']);
  });

  it('OCRs each page of a scanned PDF, and an image directly', async () => {
    const rows = layoutAsText(kbisRows(sample.spec), 200);
    const jpeg = await sharp({ create: { width: 200, height: 283, channels: 3, background: '#ffffff' } }).jpeg().toBuffer();
    const scanned = await PDFDocument.create();
    const image = await scanned.embedJpg(jpeg);
    for (let i = 0; i < 2; i++) scanned.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
    const engine = engineReading(rows);
    const doc = await readKbisDocument(await scanned.save(), 'application/pdf', async () => engine);
    expect(engine.pages).toBe(2);
    expect(doc.readability).toEqual({ source: 'ocr', confidence: 90 });
    expect(parseKbisText(doc.rows).siren).toBe(sample.spec.fields.siren);
    const photo = await readKbisDocument(new Uint8Array(jpeg), 'image/jpeg', async () => engineReading(rows));
    expect(parseKbisText(photo.rows)).toEqual(sample.spec.fields);
  });

  it('reports a broken PDF as unreadable instead of failing', async () => {
    const pdf = await kbisPdf(sample.spec, issued);
    const doc = await readKbisDocument(pdf.slice(0, 300), 'application/pdf', noOcr);
    expect(doc.readability.source).toBe('none');
    expect(doc.problem).toMatch(/PDF/);
  });

  it('never throws for any bytes or any damage to a real extract: it reads something, or says it cannot', async () => {
    // What the real engine does with bytes that are no image.
    const refusing = async (): Promise<OcrEngine> => ({
      recognize: async () => {
        throw new AppError(422, 'IMAGE_UNREADABLE', 'not an image');
      },
      close: async () => {},
    });
    const genuine = await kbisPdf(sample.spec, issued);
    const damaged = fc
      .array(fc.tuple(fc.nat({ max: genuine.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 })
      .map((edits) => {
        const copy = genuine.slice();
        for (const [at, byte] of edits) copy[at] = byte;
        return copy;
      });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 2000 }), damaged), fc.constantFrom('application/pdf' as const, 'image/png' as const, 'image/jpeg' as const), async (bytes, type) => {
        const doc = await readKbisDocument(bytes, type, refusing);
        expect(['none', 'text-layer', 'ocr']).toContain(doc.readability.source);
        if (doc.readability.source === 'none') expect(doc.problem).toEqual(expect.any(String));
      }),
      { numRuns: 60 },
    );
  });
});
