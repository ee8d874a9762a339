import type { CertificateTruth } from './certificate-values.ts';
import type { Random } from './random.ts';

/** Page size of a generated certificate, in pixels (about 215 dpi for the real 21 × 15 cm). */
export const PAGE = { width: 1800, height: 1300 };

/** Rows of the main part as printed: each cell is a code, its first column and its span (of 6). */
export const CERTIFICATE_ROWS: readonly (readonly [code: string, column: number, span: number])[][] = [
  [['A', 0, 2], ['B', 2, 2], ['I', 4, 2]],
  [['C.1', 0, 6]],
  [['C.4a', 0, 6]],
  [['C.3', 0, 6]],
  [['D.1', 0, 2], ['D.2', 2, 2], ['D.2.1', 4, 2]],
  [['D.3', 0, 2], ['E', 2, 4]],
  [['F.1', 0, 1.5], ['F.2', 1.5, 1.5], ['G', 3, 1.5], ['G.1', 4.5, 1.5]],
  [['J', 0, 1.5], ['J.1', 1.5, 1.5], ['J.2', 3, 1.5], ['J.3', 4.5, 1.5]],
  [['K', 0, 3], ['P.1', 3, 1.5], ['P.2', 4.5, 1.5]],
  [['P.3', 0, 1.5], ['P.6', 1.5, 1.5], ['S.1', 3, 1.5], ['V.7', 4.5, 1.5]],
  [['V.9', 0, 3], ['X.1', 3, 3]],
];

/** Typefaces the machine has (fonts-dejavu-core, fonts-liberation): values are printed in a monospace face. */
const STYLES = [
  { code: 'DejaVu Sans', value: 'DejaVu Sans Mono', header: 'DejaVu Serif' },
  { code: 'Liberation Sans', value: 'Liberation Mono', header: 'Liberation Serif' },
  { code: 'DejaVu Sans', value: 'Liberation Mono', header: 'DejaVu Sans' },
] as const;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The certificate as SVG: the French SIV layout (header, coded fields in a grid, values in
 * monospace capitals after their codes, the detachable coupon with the plate again), on a pale
 * security background with fine wavy lines. The style (typefaces, small offsets) varies.
 */
export function certificateSvg(truth: CertificateTruth, random: Random): string {
  const style = random.pick(STYLES);
  const left = 70 + random.int(-8, 8);
  const top = 190 + random.int(-8, 8);
  const cell = (PAGE.width - 2 * left) / 6;
  const rowHeight = 72;
  const valueSize = random.int(28, 32);
  const codeSize = 22;
  const parts: string[] = [];
  parts.push(`<rect width="100%" height="100%" fill="${random.pick(['#eef2ea', '#f1eee6', '#eceff3'])}"/>`);
  // Security background: fine wavy lines, light enough for the threshold to drop.
  for (let y = 20; y < PAGE.height; y += 26) {
    const phase = random.int(0, 60);
    parts.push(`<path d="M0 ${y} ${Array.from({ length: 19 }, (_, i) => `Q ${i * 100 + 50 + phase} ${y + (i % 2 ? 9 : -9)} ${(i + 1) * 100} ${y}`).join(' ')}" stroke="#d9e1d5" stroke-width="1.2" fill="none"/>`);
  }
  parts.push(`<text x="${left}" y="70" font-family="${style.header}" font-size="24">RÉPUBLIQUE FRANÇAISE</text>`);
  parts.push(`<text x="${PAGE.width / 2}" y="120" font-family="${style.header}" font-size="38" font-weight="bold" text-anchor="middle">CERTIFICAT D'IMMATRICULATION</text>`);
  CERTIFICATE_ROWS.forEach((row, r) => {
    const y = top + r * rowHeight;
    for (const [code, column, span] of row) {
      const value = truth.fields[code] ?? '';
      const x = left + column * cell;
      parts.push(`<text x="${x}" y="${y}" font-family="${style.code}" font-size="${codeSize}" font-weight="bold">${escapeXml(code)}</text>`);
      const valueX = x + code.length * 14 + 28;
      // Long values shrink to stay inside their cell, as on the printed form.
      const room = span * cell - (valueX - x) - 20;
      const size = Math.min(valueSize, Math.floor(room / Math.max(1, value.length) / 0.6));
      if (value) parts.push(`<text x="${valueX}" y="${y}" font-family="${style.value}" font-size="${size}">${escapeXml(value)}</text>`);
    }
  });
  const couponTop = top + CERTIFICATE_ROWS.length * rowHeight + 40;
  parts.push(`<line x1="30" y1="${couponTop}" x2="${PAGE.width - 30}" y2="${couponTop}" stroke="#444" stroke-width="2" stroke-dasharray="14 10"/>`);
  parts.push(`<text x="${left}" y="${couponTop + 50}" font-family="${style.header}" font-size="24" font-weight="bold">COUPON DÉTACHABLE</text>`);
  const couponY = couponTop + 115;
  parts.push(`<text x="${left}" y="${couponY}" font-family="${style.code}" font-size="${codeSize}" font-weight="bold">A</text>`);
  parts.push(`<text x="${left + 42}" y="${couponY}" font-family="${style.value}" font-size="${valueSize}">${escapeXml(truth.couponPlate)}</text>`);
  parts.push(`<text x="${left + 2 * cell}" y="${couponY}" font-family="${style.code}" font-size="${codeSize}" font-weight="bold">I</text>`);
  parts.push(`<text x="${left + 2 * cell + 42}" y="${couponY}" font-family="${style.value}" font-size="${valueSize}">${escapeXml(truth.fields.I ?? '')}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}" height="${PAGE.height}">${parts.join('')}</svg>`;
}
