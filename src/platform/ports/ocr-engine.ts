/** A rectangle on a page image, in pixels from its top-left corner. */
export interface OcrBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One recognised word, with the engine's confidence (0-100). */
export interface OcrWord {
  text: string;
  confidence: number;
  box: OcrBox;
}

/** One recognised line of text, its words in reading order. */
export interface OcrLine {
  text: string;
  confidence: number;
  box: OcrBox;
  words: OcrWord[];
}

/**
 * A question about one field of the page, for engines that answer them (Textract's queries):
 * "What is the vehicle identification number (E)?". Engines without queries ignore them.
 */
export interface OcrQuery {
  /** Names the answer (`OcrAnswer.alias`): letters, digits and punctuation, at most 100 characters. */
  alias: string;
  /** The question, at most 200 characters. */
  text: string;
}

/** The engine's answer to one query: the text it found, where, and how sure it is (0-100). */
export interface OcrAnswer {
  alias: string;
  text: string;
  confidence: number;
  /** Same units as the words' boxes; an empty box at the origin when the engine gave no place. */
  box: OcrBox;
}

/** What the engine read on one page image. */
export interface OcrPage {
  /** Size of the image the boxes refer to (after the adapter's preprocessing). */
  width: number;
  height: number;
  /** Mean word confidence (0-100). */
  confidence: number;
  text: string;
  lines: OcrLine[];
  /** Answers to `OcrOptions.queries`, one per query answered (engines without queries leave it out). */
  answers?: OcrAnswer[];
  /**
   * The page as the boxes see it (oriented, scaled, levelled, not binarised), when asked with
   * `withPreview`: what a user is shown with the boxes drawn over it. Adapters that do not
   * transform the image leave it out (the boxes then refer to the image as given).
   */
  preview?: { contentType: 'image/jpeg' | 'image/png'; bytes: Uint8Array };
}

export interface OcrOptions {
  /** Tesseract language codes, in order of likelihood; default `['fra', 'eng']`. */
  languages?: readonly ('fra' | 'eng')[];
  /** Gives up early (the request went away, a workflow step timed out). */
  signal?: AbortSignal;
  /**
   * `page` (default): prose in columns (a Kbis extract). `block`: one block whose rows run across
   * the page, as on a form printed in a grid (a registration certificate). `sparse`: short texts
   * scattered over the page.
   */
  layout?: 'page' | 'block' | 'sparse';
  /** `auto` (default): the adapter's preprocessing; `none`: the image as given (baselines). */
  preprocess?: 'auto' | 'none';
  /** Also return the page as the boxes see it (`OcrPage.preview`). */
  withPreview?: boolean;
  /** Questions about the page's fields, answered in `OcrPage.answers` by engines that can (Textract). */
  queries?: readonly OcrQuery[];
}

/**
 * Optical character recognition of page images (PNG or JPEG), shared by the OCR module
 * (registration certificates) and KBIS verification (scanned extracts).
 *
 * Local adapter: tesseract.js with the packaged French and English data, a warm worker pool
 * sized to the CPUs, preprocessing with sharp. AWS: Textract (AnalyzeDocument with queries when
 * queries are asked, else DetectDocumentText). Both report lines and words with boxes and
 * confidences, so that field extraction reads layouts the same way; Textract also answers queries.
 */
export interface OcrEngine {
  /**
   * Reads one page image. Rejects with AppError 422 `IMAGE_UNREADABLE` for bytes that are not
   * a decodable image, 413 `IMAGE_TOO_LARGE` for pixel dimensions past the adapter's limit
   * (decompression bombs).
   */
  recognize(image: Uint8Array, options?: OcrOptions): Promise<OcrPage>;
  /** Stops the workers. */
  close(): Promise<void>;
}
