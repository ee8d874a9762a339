import { AppError } from '../../../platform/errors.ts';
import { pdfTextLayer } from '../../../platform/documents/pdf-text-layer.ts';
import { renderPdfPages } from '../../../platform/documents/pdf-render.ts';
import type { DocumentType } from '../../../platform/documents/document-type.ts';
import type { OcrEngine, OcrPage } from '../../../platform/ports/ocr-engine.ts';
import type { Readability } from '../domain/checks.ts';
import { readPdfFacts, type PdfFacts } from './pdf-facts.ts';
import { overlappingTexts, rowsOf, type PlacedText } from './text-rows.ts';

/** What was read from an uploaded extract. */
export interface ReadKbisDocument {
  /** Printed rows, page after page, label and value joined. */
  rows: string[];
  readability: Readability;
  /** History of a PDF (null for an image). */
  pdf: PdfFacts | null;
  /** Different texts printed over each other (text layer only). */
  overlaps: [string, string][];
  /** Why nothing could be read, when so. */
  problem: string | null;
}

// An extract runs to two pages, three with many managers; more is not a Kbis.
const MAX_PAGES = 4;
// A text layer with fewer characters than this is a scan with a stray caption, not a digital extract.
const MIN_TEXT_CHARS = 200;

const wordsOf = (page: OcrPage): PlacedText[] => page.lines.flatMap((l) => l.words.map((w) => ({ text: w.text, box: w.box })));
const linesOf = (page: OcrPage): PlacedText[] => page.lines.map((l) => ({ text: l.text, box: l.box }));

/**
 * Reads an extract: a PDF's text layer when it has one (exact, instant), otherwise OCR of each
 * rendered page, or of the image itself. Never throws for a bad document: an unreadable one
 * comes back with `readability.source` = none and the problem in words (it goes to review).
 */
export async function readKbisDocument(bytes: Uint8Array, type: DocumentType, ocr: () => Promise<OcrEngine>, signal?: AbortSignal): Promise<ReadKbisDocument> {
  const unreadable = (problem: string, pdf: PdfFacts | null = null): ReadKbisDocument => ({ rows: [], readability: { source: 'none', confidence: null }, pdf, overlaps: [], problem });
  try {
    let images: Uint8Array[] = [bytes];
    let pdf: PdfFacts | null = null;
    if (type === 'application/pdf') {
      pdf = await readPdfFacts(bytes);
      const pages = await pdfTextLayer(bytes, { maxPages: MAX_PAGES });
      if (pages.reduce((n, p) => n + p.text.length, 0) >= MIN_TEXT_CHARS) {
        return {
          rows: pages.flatMap((p) => rowsOf(linesOf(p))),
          readability: { source: 'text-layer', confidence: null },
          pdf,
          overlaps: pages.flatMap((p) => overlappingTexts(wordsOf(p))),
          problem: null,
        };
      }
      images = (await renderPdfPages(bytes, { dpi: 300, maxPages: MAX_PAGES })).pages.map((p) => p.png);
    }
    const engine = await ocr();
    const read: OcrPage[] = [];
    for (const image of images) read.push(await engine.recognize(image, { languages: ['fra'], ...(signal ? { signal } : {}) }));
    const confidence = read.length ? read.reduce((n, p) => n + p.confidence, 0) / read.length : 0;
    return { rows: read.flatMap((p) => rowsOf(linesOf(p))), readability: { source: 'ocr', confidence }, pdf, overlaps: [], problem: null };
  } catch (err) {
    // A corrupt, encrypted or oversized document is a fact about the document, not a failure of ours.
    if (err instanceof AppError && err.status < 500) return unreadable(`${err.code}: ${err.message}`);
    throw err;
  }
}
