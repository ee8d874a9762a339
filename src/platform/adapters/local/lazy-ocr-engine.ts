import type { OcrEngine } from '../../ports/ocr-engine.ts';

/**
 * An OCR engine opened on its first page: a tesseract pool costs seconds and hundreds of MB to
 * load, and most processes (or Lambda functions) never read a scan. A failed open is retried on
 * the next page; `close` is a no-op when nothing was opened.
 */
export function lazyOcrEngine(open: () => Promise<OcrEngine>): OcrEngine {
  let opening: Promise<OcrEngine> | undefined;
  let closed = false;
  const engine = () => {
    opening ??= open().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
  return {
    async recognize(image, options) {
      if (closed) throw new Error('OCR engine is closed');
      return (await engine()).recognize(image, options);
    },
    async close() {
      closed = true;
      if (opening) await (await opening.catch(() => undefined))?.close();
    },
  };
}
