/**
 * OCR's usual confusions between letters and digits. Where a field's grammar says a position
 * holds a digit (or a letter), the lookalike is replaced; elsewhere nothing is guessed.
 */
const AS_DIGIT: Record<string, string> = { O: '0', Q: '0', D: '0', U: '0', I: '1', L: '1', J: '1', T: '7', Z: '2', S: '5', B: '8', G: '6', A: '4' };
const AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '3': 'J', '5': 'S', '8': 'B', '6': 'G', '4': 'A', '7': 'T' };

/** The digit a character stands for where only a digit can be, or undefined. */
export function asDigit(c: string): string | undefined {
  if (c >= '0' && c <= '9') return c;
  return AS_DIGIT[c];
}

/** The letter a character stands for where only a letter can be, or undefined. */
export function asLetter(c: string): string | undefined {
  if (c >= 'A' && c <= 'Z') return c;
  return AS_LETTER[c];
}

/** Upper case, accents stripped, everything but letters and digits dropped. */
export function alnum(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

// Glyphs OCR reads as one another; two of a class side by side may be one glyph read twice.
const GLYPH_CLASSES = ['0ODQ', '1IL', '5S', '8B', '2Z', '6G', '4A', '7T'];
const GLYPH_CLASS = new Map([...GLYPH_CLASSES.entries()].flatMap(([i, chars]) => [...chars].map((c) => [c, i] as const)));

/** Whether two characters are lookalikes of one another (1 and I, 6 and G, 0 and D...). */
export function sameGlyph(a: string, b: string): boolean {
  const ofA = GLYPH_CLASS.get(a);
  return ofA !== undefined && ofA === GLYPH_CLASS.get(b);
}
