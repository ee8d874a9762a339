import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngClaimingSize, textLinesImage } from '../../documents/image-fixtures.ts';
import { AppError } from '../../errors.ts';
import type { OcrEngine } from '../../ports/ocr-engine.ts';
import { createTesseractOcrEngine, packagedLanguagePath } from './tesseract-ocr-engine.ts';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof AppError ? `${error.status} ${error.code}` : String(error)),
  );

// One warm worker for the whole file: recognition is CPU-heavy on a shared machine.
let engine: OcrEngine;
beforeAll(async () => {
  engine = await createTesseractOcrEngine({ workers: 1, targetLongSide: 1600 });
});
afterAll(() => engine.close());

describe('the tesseract.js engine', () => {
  it('loads the French and English models from their packages, never from the network', () => {
    for (const language of ['fra', 'eng'] as const) {
      const model = path.join(packagedLanguagePath(language), `${language}.traineddata.gz`);
      expect(statSync(model).size).toBeGreaterThan(500_000);
    }
    // tesseract.js caches downloaded models in the working directory unless told not to.
    expect(existsSync('fra.traineddata')).toBe(false);
  });

  it('reads a skewed page into lines of words with boxes inside the page and confidences', async () => {
    const image = await textLinesImage(['A AB-123-CD  B 15/03/2019', 'D.1 RENAULT  D.3 CLIO', 'C.1 DUPONT ÉLODIE'], { degrees: 2 });
    const page = await engine.recognize(image, { withPreview: true });
    expect(page.text).toContain('AB-123-CD');
    expect(page.text).toContain('RENAULT');
    expect(page.text).toContain('ÉLODIE');
    expect(page.lines).toHaveLength(3);
    for (const word of page.lines.flatMap((l) => l.words)) {
      expect(word.box.x0).toBeGreaterThanOrEqual(0);
      expect(word.box.x1).toBeLessThanOrEqual(page.width);
      expect(word.box.y1).toBeLessThanOrEqual(page.height);
      expect(word.box.x0).toBeLessThan(word.box.x1);
      expect(word.confidence).toBeGreaterThan(0);
    }
    expect(page.confidence).toBeGreaterThan(60);
    expect(page.preview?.contentType).toBe('image/jpeg');
  });

  it('refuses undecodable bytes with 422 and a decompression bomb with 413', async () => {
    expect(await rejection(engine.recognize(Buffer.from('not an image at all')))).toBe('422 IMAGE_UNREADABLE');
    expect(await rejection(engine.recognize(await pngClaimingSize(60_000, 60_000)))).toBe('413 IMAGE_TOO_LARGE');
  });

  it('reads nothing on an empty page rather than failing', async () => {
    const page = await engine.recognize(await textLinesImage([]));
    expect(page.lines).toEqual([]);
    expect(page.confidence).toBe(0);
  });

  it('gives up when the caller is gone', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(engine.recognize(await textLinesImage(['X']), { signal: controller.signal })).rejects.toThrow();
  });
});
