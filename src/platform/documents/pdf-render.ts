import { AppError } from '../errors.ts';
import { withPdf } from './mupdf-document.ts';

/** How pages are rendered. */
export interface RenderPdfOptions {
  /** Resolution (default 300, what OCR wants). */
  dpi?: number;
  /** Pages rendered from the start (default 1). */
  maxPages?: number;
  /** Pixels per page past which rendering is refused: 413 `IMAGE_TOO_LARGE` (default 40 MP). */
  maxPixels?: number;
}

/** One rendered page. */
export interface RenderedPdfPage {
  /** Zero-based page index. */
  index: number;
  png: Uint8Array;
  width: number;
  height: number;
}

/**
 * Renders the first pages of a PDF to grayscale PNG images with mupdf (WASM: no native canvas),
 * for OCR of scanned PDFs. A page whose size at `dpi` passes `maxPixels` is 413
 * `IMAGE_TOO_LARGE` (a 200 × 200 inch page is a bomb too). Other errors: see `withPdf`.
 *
 * @example
 * const [first] = await renderPdfPages(bytes, { dpi: 300, maxPages: 1 });
 * const page = await engine.recognize(first.png);
 */
export function renderPdfPages(bytes: Uint8Array, options: RenderPdfOptions = {}): Promise<{ pages: RenderedPdfPage[]; pageCount: number }> {
  const dpi = options.dpi ?? 300;
  const maxPixels = options.maxPixels ?? 40_000_000;
  return withPdf(bytes, (document, mupdf) => {
    const pageCount = document.countPages();
    const count = Math.min(pageCount, Math.max(1, options.maxPages ?? 1));
    const pages: RenderedPdfPage[] = [];
    for (let index = 0; index < count; index++) {
      const page = document.loadPage(index);
      try {
        const [x0, y0, x1, y1] = page.getBounds();
        const width = Math.ceil(((x1 - x0) * dpi) / 72);
        const height = Math.ceil(((y1 - y0) * dpi) / 72);
        if (width * height > maxPixels) {
          throw new AppError(413, 'IMAGE_TOO_LARGE', `Page ${index + 1} would be ${width} × ${height} pixels at ${dpi} dpi.`, {
            details: { width, height, maxPixels },
          });
        }
        const pixmap = page.toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceGray, false, true);
        try {
          pages.push({ index, png: pixmap.asPNG().slice(), width: pixmap.getWidth(), height: pixmap.getHeight() });
        } finally {
          pixmap.destroy();
        }
      } finally {
        page.destroy();
      }
    }
    return { pages, pageCount };
  });
}
