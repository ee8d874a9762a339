import { unprocessable } from '../../platform/errors.ts';
import { type DocumentType, sniffDocumentType } from '../../platform/documents/document-type.ts';
import { renderPdfPages } from '../../platform/documents/pdf-render.ts';
import { pdfTextLayer } from '../../platform/documents/pdf-text-layer.ts';
import type { OcrEngine, OcrOptions, OcrPage } from '../../platform/ports/ocr-engine.ts';

/** A page read from an uploaded document, with the image its boxes refer to. */
export interface ReadPage {
  type: DocumentType;
  page: OcrPage;
  /** The page as shown to the user (boxes drawn over it). */
  image: { contentType: 'image/jpeg' | 'image/png'; bytes: Uint8Array };
  source: 'ocr' | 'pdf-text';
}

/** A digital PDF carries its text: a page with this many lines is read from the text layer, not by OCR. */
const TEXT_LAYER_MIN_LINES = 5;
const PDF_DPI = 200;

/**
 * Reads the first page of a PNG, JPEG or PDF document: images and scanned PDFs (rendered at
 * 200 dpi) through the OCR engine, digital PDFs from their text layer. Type from the magic bytes
 * (415 `UNSUPPORTED_DOCUMENT_TYPE`); a page without any text is 422 `DOCUMENT_EMPTY_PAGE`.
 * `queries` go to the engine with the page (engines that answer them fill `page.answers`).
 */
export async function readFirstPage(
  bytes: Uint8Array,
  engine: () => Promise<OcrEngine>,
  layout: 'block' | 'page',
  options: Pick<OcrOptions, 'signal' | 'queries'> = {},
): Promise<ReadPage> {
  const type = sniffDocumentType(bytes);
  const asked: OcrOptions = { layout, withPreview: true, ...options };
  let read: ReadPage;
  if (type === 'application/pdf') {
    const [textPage] = await pdfTextLayer(bytes, { dpi: PDF_DPI, maxPages: 1 });
    const { pages } = await renderPdfPages(bytes, { dpi: PDF_DPI, maxPages: 1 });
    const rendered = pages[0];
    if (!rendered) throw unprocessable('PDF_EMPTY', 'The PDF has no pages.');
    if (textPage && textPage.lines.length >= TEXT_LAYER_MIN_LINES) {
      read = { type, page: textPage, image: { contentType: 'image/png', bytes: rendered.png }, source: 'pdf-text' };
    } else {
      const page = await (await engine()).recognize(rendered.png, asked);
      read = { type, page, image: page.preview ?? { contentType: 'image/png', bytes: rendered.png }, source: 'ocr' };
    }
  } else {
    const page = await (await engine()).recognize(bytes, asked);
    read = { type, page, image: page.preview ?? { contentType: type, bytes }, source: 'ocr' };
  }
  if (read.page.lines.length === 0) throw unprocessable('DOCUMENT_EMPTY_PAGE', 'No text could be found on the page: is it blank, or far too dark?');
  return read;
}
