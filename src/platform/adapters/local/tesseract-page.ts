import type { Block } from 'tesseract.js';
import type { OcrBox, OcrLine } from '../../ports/ocr-engine.ts';

const box = (b: { x0: number; y0: number; x1: number; y1: number }): OcrBox => ({ x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 });

/** Flattens tesseract.js blocks → paragraphs → lines → words into the port's lines of words. */
export function linesFromBlocks(blocks: readonly Block[]): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of blocks) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words
          .filter((word) => word.text.trim() !== '')
          .map((word) => ({ text: word.text, confidence: round(word.confidence), box: box(word.bbox) }));
        if (words.length === 0) continue;
        lines.push({ text: words.map((w) => w.text).join(' '), confidence: round(line.confidence), box: box(line.bbox), words });
      }
    }
  }
  return lines;
}

const round = (n: number) => Math.round(n * 10) / 10;
