import { describe, expect, it } from 'vitest';
import type { OcrEngine, OcrPage } from '../../ports/ocr-engine.ts';
import { lazyOcrEngine } from './lazy-ocr-engine.ts';

const page = { text: 'A AB-123-CD' } as OcrPage;

describe('lazyOcrEngine', () => {
  it('opens the engine on the first page only, once for pages read together, and closes what it opened', async () => {
    let opened = 0;
    let closed = 0;
    const engine = lazyOcrEngine(async () => {
      opened += 1;
      const engine: OcrEngine = {
        recognize: async () => page,
        close: async () => {
          closed += 1;
        },
      };
      return engine;
    });
    expect(opened).toBe(0);
    expect(await Promise.all([engine.recognize(new Uint8Array()), engine.recognize(new Uint8Array())])).toEqual([page, page]);
    expect(opened).toBe(1);
    await engine.close();
    expect(closed).toBe(1);
    await expect(engine.recognize(new Uint8Array())).rejects.toThrow('closed');
  });

  it('tries to open again after a failed open, and closing an engine never opened opens nothing', async () => {
    let attempts = 0;
    const engine = lazyOcrEngine(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('no model');
      return { recognize: async () => page, close: async () => {} };
    });
    await expect(engine.recognize(new Uint8Array())).rejects.toThrow('no model');
    expect(await engine.recognize(new Uint8Array())).toBe(page);
    const never = lazyOcrEngine(async () => {
      throw new Error('must not open');
    });
    await never.close();
  });
});
