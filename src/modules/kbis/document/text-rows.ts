/** A piece of text on a page and where it sits (any unit, y growing downwards). */
export interface PlacedText {
  text: string;
  box: { x0: number; y0: number; x1: number; y1: number };
}

/**
 * Rebuilds printed rows from text pieces in any order (a text layer lists label and value
 * columns apart, OCR splits at wide gaps): pieces whose vertical middles fall within half a
 * line height of each other are one row, read left to right; rows top to bottom.
 */
export function rowsOf(pieces: readonly PlacedText[]): string[] {
  const items = pieces
    .filter((p) => p.text.trim() !== '')
    .map((p) => ({ ...p, mid: (p.box.y0 + p.box.y1) / 2, h: Math.max(1, p.box.y1 - p.box.y0) }))
    .sort((a, b) => a.mid - b.mid || a.box.x0 - b.box.x0);
  const rows: { mid: number; h: number; parts: typeof items }[] = [];
  for (const item of items) {
    const row = rows.at(-1);
    if (row && Math.abs(item.mid - row.mid) <= Math.min(row.h, item.h) / 2) row.parts.push(item);
    else rows.push({ mid: item.mid, h: item.h, parts: [item] });
  }
  return rows.map((r) => r.parts.sort((a, b) => a.box.x0 - b.box.x0).map((p) => p.text.trim()).join(' '));
}

/**
 * Text drawn over other text (a value pasted over the printed one): two different pieces whose
 * boxes overlap by more than half of the smaller one.
 */
export function overlappingTexts(pieces: readonly PlacedText[]): [string, string][] {
  const found: [string, string][] = [];
  const area = (b: PlacedText['box']) => Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      const a = pieces[i]!;
      const b = pieces[j]!;
      const w = Math.min(a.box.x1, b.box.x1) - Math.max(a.box.x0, b.box.x0);
      const h = Math.min(a.box.y1, b.box.y1) - Math.max(a.box.y0, b.box.y0);
      if (w <= 0 || h <= 0 || a.text.trim() === b.text.trim()) continue;
      if (w * h > 0.5 * Math.min(area(a.box), area(b.box))) found.push([a.text, b.text]);
    }
  }
  return found;
}
