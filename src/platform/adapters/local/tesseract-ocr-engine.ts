import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createScheduler, createWorker, OEM, type Page, type Scheduler } from 'tesseract.js';
import { AppError } from '../../errors.ts';
import { type PreprocessedPage, type PreprocessOptions, preprocessPageImage, readImageHeader } from '../../documents/preprocess-image.ts';
import type { OcrEngine, OcrLine, OcrOptions, OcrPage } from '../../ports/ocr-engine.ts';
import { linesFromBlocks } from './tesseract-page.ts';

/** How the local engine is built. */
export interface TesseractEngineOptions extends Pick<PreprocessOptions, 'maxInputPixels' | 'targetLongSide'> {
  /** Workers kept warm; default: one per CPU. */
  workers?: number;
  /** Languages each worker loads once; default `['fra', 'eng']`. */
  languages?: readonly ('fra' | 'eng')[];
}

const require = createRequire(import.meta.url);

/**
 * Where the packaged traineddata lives: the `4.0.0_best_int` folder of `@tesseract.js-data/<lang>`
 * (the LSTM models tesseract.js would otherwise fetch from a CDN), read from disk, never downloaded.
 */
export function packagedLanguagePath(language: 'fra' | 'eng'): string {
  const packageJson = require.resolve(`@tesseract.js-data/${language}/package.json`);
  return path.join(path.dirname(packageJson), '4.0.0_best_int');
}

/**
 * The local OCR engine: tesseract.js (WASM) with the packaged French and English models, a pool
 * of warm workers behind a tesseract.js scheduler (models are loaded once, at start, never per
 * request), and sharp preprocessing (orientation, grayscale, ~300 dpi, deskew, adaptive threshold).
 *
 * @example
 * const engine = await createTesseractOcrEngine();
 * const page = await engine.recognize(pngBytes);
 * console.log(page.lines.map((l) => l.text));
 * await engine.close();
 */
export async function createTesseractOcrEngine(options: TesseractEngineOptions = {}): Promise<OcrEngine> {
  const languages = options.languages ?? ['fra', 'eng'];
  const size = Math.max(1, options.workers ?? availableParallelism());
  const modelFolder = await linkPackagedModels(languages);
  const scheduler: Scheduler = createScheduler();
  const workers = await Promise.all(
    Array.from({ length: size }, () =>
      createWorker([...languages], OEM.LSTM_ONLY, {
        langPath: modelFolder,
        gzip: true,
        // Nothing is written next to the process (tesseract.js caches downloads in the cwd by default).
        cacheMethod: 'none',
        errorHandler: () => {},
      }),
    ),
  ).finally(() => rm(modelFolder, { recursive: true, force: true }));
  for (const worker of workers) scheduler.addWorker(worker);
  let closed = false;

  return {
    async recognize(image: Uint8Array, ocrOptions: OcrOptions = {}): Promise<OcrPage> {
      if (closed) throw new AppError(503, 'OCR_ENGINE_CLOSED', 'The OCR engine is shutting down.');
      ocrOptions.signal?.throwIfAborted();
      const page =
        ocrOptions.preprocess === 'none'
          ? await asGiven(image, options.maxInputPixels)
          : await preprocessPageImage(image, {
              ...(options.maxInputPixels !== undefined ? { maxInputPixels: options.maxInputPixels } : {}),
              ...(options.targetLongSide !== undefined ? { targetLongSide: options.targetLongSide } : {}),
              preview: ocrOptions.withPreview === true,
            });
      ocrOptions.signal?.throwIfAborted();
      const result = await scheduler.addJob(
        'recognize',
        Buffer.from(page.image),
        {
          // Sparse text suits forms (codes and values scattered in boxes); auto suits prose pages.
          tessedit_pageseg_mode: PAGE_SEGMENTATION[ocrOptions.layout ?? 'page'],
          preserve_interword_spaces: '1',
          user_defined_dpi: '300',
          // Pages arrive binarised dark on light: the second pass on inverted text would be wasted.
          tessedit_do_invert: '0',
        } as never,
        { blocks: true, text: true },
      );
      ocrOptions.signal?.throwIfAborted();
      return toOcrPage(result.data, page.width, page.height, page.preview);
    },
    async close() {
      if (closed) return;
      closed = true;
      await scheduler.terminate();
    },
  };
}

/** The image untouched (checked for type and size only), for baselines. */
async function asGiven(image: Uint8Array, maxPixels: number | undefined): Promise<PreprocessedPage> {
  const header = await readImageHeader(image, maxPixels);
  return { image, width: header.width, height: header.height, rotatedDegrees: 0 };
}

/** Tesseract page segmentation modes: 3 automatic, 6 one uniform block, 11 sparse text. */
const PAGE_SEGMENTATION = { page: '3', block: '6', sparse: '11' } as const;

/**
 * tesseract.js reads every model from one `langPath` (`<langPath>/<lang>.traineddata.gz`), while
 * each packaged model sits in its own package: a temporary folder of links to them serves as
 * that path while the workers load (read once from disk, nothing fetched), then goes away.
 */
async function linkPackagedModels(languages: readonly ('fra' | 'eng')[]): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'novaevo-tessdata-'));
  for (const language of languages) {
    await symlink(path.join(packagedLanguagePath(language), `${language}.traineddata.gz`), path.join(folder, `${language}.traineddata.gz`));
  }
  return folder;
}

function toOcrPage(data: Page, width: number, height: number, preview: Uint8Array | undefined): OcrPage {
  const lines: OcrLine[] = linesFromBlocks(data.blocks ?? []);
  const words = lines.flatMap((line) => line.words);
  const confidence = words.length === 0 ? 0 : words.reduce((sum, word) => sum + word.confidence, 0) / words.length;
  return {
    width,
    height,
    confidence: Math.round(confidence * 10) / 10,
    text: lines.map((line) => line.text).join('\n'),
    lines,
    ...(preview ? { preview: { contentType: 'image/jpeg' as const, bytes: preview } } : {}),
  };
}
