import type { OcrLine, OcrPage, OcrWord } from '../../../platform/ports/ocr-engine.ts';
import { CERTIFICATE_ROWS } from './certificate-svg.ts';
import type { CertificateTruth } from './certificate-values.ts';

const CHAR = 16;
/** A word of `CHAR`-pixel glyphs, 24 pixels high, its top-left corner at (x, y). */
export const wordAt = (text: string, x: number, y: number, confidence = 95): OcrWord => ({ text, confidence, box: { x0: x, y0: y, x1: x + text.length * CHAR, y1: y + 24 } });

/**
 * What a perfect engine would report for a generated certificate, each row one line (or split
 * in cells): words in a monospace grid, the coupon below its heading. `codeText` prints a code
 * as misread, `valueText` a value; `coupon` puts another plate on the coupon, `couponHeading:
 * false` leaves its heading unread; `confidence` is every word's and the page's (95 by default).
 */
export function perfectPage(
  truth: CertificateTruth,
  options: {
    splitCells?: boolean;
    codeText?: (code: string) => string;
    valueText?: (code: string, value: string) => string;
    coupon?: string;
    couponHeading?: boolean;
    confidence?: number;
  } = {},
): OcrPage {
  const confidence = options.confidence ?? 95;
  const word = (text: string, x: number, y: number) => wordAt(text, x, y, confidence);
  const lines: OcrLine[] = [word('CERTIFICAT', 500, 20), word("D'IMMATRICULATION", 700, 20)].map((w) => ({ text: w.text, confidence, box: w.box, words: [w] }));
  const cellWidth = 280;
  CERTIFICATE_ROWS.forEach((row, r) => {
    const y = 100 + r * 60;
    const cells = row.map(([code, column]) => {
      const x = 60 + column * cellWidth;
      const printed = truth.fields[code] ?? '';
      const value = printed && options.valueText ? options.valueText(code, printed) : printed;
      const words = [word(options.codeText?.(code) ?? code, x, y)];
      let vx = x + code.length * CHAR + 28;
      for (const part of value.split(' ').filter(Boolean)) {
        words.push(word(part, vx, y));
        vx += part.length * CHAR + 12;
      }
      return words;
    });
    const groups = options.splitCells ? cells : [cells.flat()];
    for (const words of groups) lines.push({ text: words.map((w) => w.text).join(' '), confidence, box: { x0: words[0]?.box.x0 ?? 0, y0: y, x1: 1700, y1: y + 24 }, words });
  });
  const couponY = 100 + CERTIFICATE_ROWS.length * 60 + 80;
  if (options.couponHeading !== false) lines.push({ text: 'COUPON', confidence, box: word('COUPON', 60, couponY).box, words: [word('COUPON', 60, couponY)] });
  const couponWords = [word('A', 60, couponY + 60), word(options.coupon ?? truth.couponPlate, 102, couponY + 60)];
  lines.push({ text: couponWords.map((w) => w.text).join(' '), confidence, box: { x0: 60, y0: couponY + 60, x1: 400, y1: couponY + 84 }, words: couponWords });
  return { width: 1800, height: 1300, confidence, text: lines.map((l) => l.text).join('\n'), lines };
}
