import type { OcrBox, OcrLine, OcrPage, OcrWord } from '../ports/ocr-engine.ts';
import { withPdf } from './mupdf-document.ts';

/** How the text layer is measured. */
export interface PdfTextLayerOptions {
  /** Resolution the boxes are given in (72: PDF points), so that they match `renderPdfPages` at the same dpi. */
  dpi?: number;
  /** Pages read from the start (default: all). */
  maxPages?: number;
}

/**
 * The text a digital PDF carries, page by page, as lines of words with boxes, in the same shape
 * as the OCR engine's pages (confidence 100), so that field extraction reads both the same way.
 * A scanned PDF gives pages without lines: render it with `renderPdfPages` and OCR the images.
 * Errors: see `withPdf` (422 `PDF_UNREADABLE`, `PDF_ENCRYPTED`, `PDF_EMPTY`).
 *
 * @example
 * const pages = await pdfTextLayer(bytes, { dpi: 300 });
 * const digital = pages.some((p) => p.lines.length > 0);
 */
export function pdfTextLayer(bytes: Uint8Array, options: PdfTextLayerOptions = {}): Promise<OcrPage[]> {
  const scale = (options.dpi ?? 72) / 72;
  return withPdf(bytes, (document) => {
    const count = Math.min(document.countPages(), options.maxPages ?? Number.POSITIVE_INFINITY);
    const pages: OcrPage[] = [];
    for (let index = 0; index < count; index++) {
      const page = document.loadPage(index);
      try {
        const [x0, y0, x1, y1] = page.getBounds();
        const text = page.toStructuredText('preserve-whitespace');
        try {
          const lines = readLines(text, scale, x0, y0);
          pages.push({
            width: Math.round((x1 - x0) * scale),
            height: Math.round((y1 - y0) * scale),
            confidence: lines.length > 0 ? 100 : 0,
            text: lines.map((line) => line.text).join('\n'),
            lines,
          });
        } finally {
          text.destroy();
        }
      } finally {
        page.destroy();
      }
    }
    return pages;
  });
}

type Walkable = { walk(walker: { beginLine?(): void; endLine?(): void; onChar?(c: string, origin: unknown, font: unknown, size: number, quad: number[]): void }): void };

/** Groups the characters mupdf reports into words (split at spaces) and lines. */
function readLines(text: Walkable, scale: number, originX: number, originY: number): OcrLine[] {
  const lines: OcrLine[] = [];
  let words: OcrWord[] = [];
  let word: { text: string; box: OcrBox } | undefined;
  const endWord = () => {
    if (word && word.text.trim() !== '') words.push({ text: word.text, confidence: 100, box: rounded(word.box) });
    word = undefined;
  };
  text.walk({
    beginLine() {
      words = [];
    },
    onChar(c, _origin, _font, _size, quad) {
      if (/\s/.test(c)) return endWord();
      const xs = [quad[0], quad[2], quad[4], quad[6]].map((x) => ((x ?? 0) - originX) * scale);
      const ys = [quad[1], quad[3], quad[5], quad[7]].map((y) => ((y ?? 0) - originY) * scale);
      const box = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
      word = word ? { text: word.text + c, box: union(word.box, box) } : { text: c, box };
    },
    endLine() {
      endWord();
      if (words.length === 0) return;
      const box = words.map((w) => w.box).reduce(union);
      lines.push({ text: words.map((w) => w.text).join(' '), confidence: 100, box: rounded(box), words });
    },
  });
  return lines;
}

const union = (a: OcrBox, b: OcrBox): OcrBox => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) });
const rounded = (b: OcrBox): OcrBox => ({ x0: Math.round(b.x0), y0: Math.round(b.y0), x1: Math.round(b.x1), y1: Math.round(b.y1) });
