import { AnalyzeDocumentCommand, type Block, DetectDocumentTextCommand, type TextractClient } from '@aws-sdk/client-textract';
import type { Metadata } from 'sharp';
import { AppError, unprocessable } from '../../errors.ts';
import type { OcrEngine, OcrOptions, OcrPage } from '../../ports/ocr-engine.ts';
import { pageFromBlocks } from './textract-page.ts';

export interface TextractOcrEngineOptions {
  client: TextractClient;
}

// Textract's limits for synchronous operations (Textract quotas): 10 MB, 10 000 pixels a side.
export const MAX_TEXTRACT_BYTES = 10 * 1024 * 1024;
export const MAX_TEXTRACT_SIDE = 10_000;
/** Queries AnalyzeDocument answers per page in a synchronous call (Textract quotas). */
export const MAX_TEXTRACT_QUERIES = 15;

/**
 * The OCR port on Textract: one synchronous call per page image (PNG or JPEG). With `queries`,
 * AnalyzeDocument (feature QUERIES, at most 15 queries) gives the lines and words and answers
 * each query (`OcrPage.answers`); without, DetectDocumentText gives the lines and words only (a
 * third of the price per page). No preprocessing (Textract levels and reads rotated text
 * itself), so there is no `preview` and the boxes refer to the image as given. `languages` and
 * `layout` are Tesseract's hints and are ignored: Textract detects French and English print by itself.
 */
export class TextractOcrEngine implements OcrEngine {
  readonly #client: TextractClient;

  constructor(options: TextractOcrEngineOptions) {
    this.#client = options.client;
  }

  async recognize(image: Uint8Array, options: OcrOptions = {}): Promise<OcrPage> {
    if (image.byteLength > MAX_TEXTRACT_BYTES) throw tooLarge(`The image is ${image.byteLength} bytes; Textract reads at most ${MAX_TEXTRACT_BYTES}.`);
    const { width, height } = await imageSize(image);
    if (width > MAX_TEXTRACT_SIDE || height > MAX_TEXTRACT_SIDE) throw tooLarge(`The image is ${width} × ${height} pixels; Textract reads at most ${MAX_TEXTRACT_SIDE} a side.`);
    const queries = options.queries ?? [];
    if (queries.length > MAX_TEXTRACT_QUERIES) throw new Error(`Textract answers at most ${MAX_TEXTRACT_QUERIES} queries per page; ${queries.length} were asked.`);
    try {
      let blocks: Block[];
      if (queries.length > 0) {
        const command = new AnalyzeDocumentCommand({
          Document: { Bytes: image },
          FeatureTypes: ['QUERIES'],
          QueriesConfig: { Queries: queries.map((q) => ({ Text: q.text, Alias: q.alias })) },
        });
        blocks = (await this.#client.send(command, { abortSignal: options.signal })).Blocks ?? [];
      } else {
        blocks = (await this.#client.send(new DetectDocumentTextCommand({ Document: { Bytes: image } }), { abortSignal: options.signal })).Blocks ?? [];
      }
      return pageFromBlocks(blocks, width, height);
    } catch (err) {
      const name = (err as { name?: string } | null)?.name;
      if (name === 'UnsupportedDocumentException' || name === 'BadDocumentException' || name === 'InvalidParameterException') {
        throw unprocessable('IMAGE_UNREADABLE', 'Textract could not read this image.');
      }
      if (name === 'DocumentTooLargeException') throw tooLarge('Textract found the image too large.');
      throw err;
    }
  }

  /** The client belongs to the caller: nothing to stop. */
  async close(): Promise<void> {}
}

async function imageSize(image: Uint8Array): Promise<{ width: number; height: number }> {
  // Loaded on first use: only the OCR function pays for the native module at cold start.
  const { default: sharp } = await import('sharp');
  let meta: Metadata;
  try {
    meta = await sharp(image, { limitInputPixels: false }).metadata();
  } catch {
    throw unprocessable('IMAGE_UNREADABLE', 'The bytes are not a decodable image.');
  }
  if ((meta.format !== 'png' && meta.format !== 'jpeg') || !meta.width || !meta.height) {
    throw unprocessable('IMAGE_UNREADABLE', 'Textract reads PNG and JPEG images.');
  }
  return { width: meta.width, height: meta.height };
}

const tooLarge = (message: string) => new AppError(413, 'IMAGE_TOO_LARGE', message);
