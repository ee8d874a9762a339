import { alnum, sameGlyph } from './char-confusions.ts';

const LETTER_VALUES: Record<string, number> = Object.fromEntries([
  ...[...'ABCDEFGH'].map((c, i) => [c, i + 1] as const),
  ...[...'JKLMN'].map((c, i) => [c, i + 1] as const),
  ['P', 7],
  ['R', 9],
  ...[...'STUVWXYZ'].map((c, i) => [c, i + 2] as const),
]);
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** The ISO 3779 check digit (position 9) of a 17-character VIN: '0'-'9' or 'X'. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i] ?? '0';
    sum += (LETTER_VALUES[c] ?? Number(c)) * (WEIGHTS[i] ?? 0);
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** What the VIN reader made of a field. */
export interface VinReading {
  vin: string;
  /** Characters changed by the repair (I/O/Q, and digits where only digits stand). */
  repaired: number;
  /** false when the check digit does not match: a warning (it is mandatory in North America only). */
  checkDigitValid: boolean;
}

/**
 * Reads a VIN from OCR text: 17 characters, letters except I, O and Q, and digits. The letters
 * I, O and Q never occur, so they are read as 1, 0 and 0; the last four characters of a
 * passenger car's serial are digits (ISO 3779 for makers of 500+ vehicles a year), so lookalike
 * letters there are read as digits. Undefined when there are not 17 characters once spaces are gone.
 * `makeWmis`, the WMIs of the make read beside it (D.1), settles a manufacturer code that is a
 * glyph away from several known ones.
 */
export function readVin(raw: string, knownWmis?: ReadonlySet<string>, makeWmis?: ReadonlySet<string>): VinReading | undefined {
  const read = alnum(raw);
  const chars = knownWmis ? repairWmi(read, knownWmis, makeWmis) : read;
  if (chars.length !== 17) return undefined;
  let repaired = 0;
  const out = [...chars].map((c, i) => {
    let next = c === 'I' ? '1' : c === 'O' || c === 'Q' ? '0' : c;
    if (i >= 13 && !(next >= '0' && next <= '9')) {
      const digit = ({ S: '5', B: '8', Z: '2', G: '6', D: '0', L: '1', T: '7', A: '4', U: '0' } as Record<string, string>)[next];
      if (digit) next = digit;
    }
    if (next !== c) repaired++;
    return next;
  });
  const vin = out.join('');
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return undefined;
  if (chars !== read) repaired += 1;
  return { vin, repaired, checkDigitValid: vin[8] === vinCheckDigit(vin) };
}

/**
 * The manufacturer code (the first three characters) is one of a known list: when what was read
 * starts with no known code but exactly one known code is a single glyph away (one character
 * misread, or one read as two, such as "1" as "AI"), that code is restored; when several are,
 * the one of the make read beside the VIN, if exactly one is.
 */
function repairWmi(chars: string, known: ReadonlySet<string>, ofMake: ReadonlySet<string> = new Set()): string {
  if (chars.length < 17 || chars.length > 18) return chars;
  // A known code already leads: nothing to restore, unless the glyph after it was read twice
  // ("VSS1IBX...": 1 as 1I); an eighteenth glyph further on is unknown where, and left alone.
  if (known.has(chars.slice(0, 3))) return chars.length === 18 && sameGlyph(chars[3] ?? '', chars[4] ?? '') ? chars.slice(0, 3) + chars.slice(4) : chars;
  const found = new Set<string>();
  const heads = chars.length === 17 ? [chars.slice(0, 3)] : [0, 1, 2, 3].map((i) => chars.slice(0, i) + chars.slice(i + 1, 4));
  const rest = chars.slice(chars.length === 17 ? 3 : 4);
  for (const head of heads) {
    for (const wmi of known) {
      let differences = 0;
      for (let i = 0; i < 3; i++) if (wmi[i] !== head[i]) differences++;
      if (differences <= 1) found.add(wmi + rest);
    }
  }
  // "SBA" is a glyph from Toyota's SB1 and BMW's WBA: the make printed in D.1 chooses.
  const candidates = found.size > 1 ? [...found].filter((vin) => ofMake.has(vin.slice(0, 3))) : [...found];
  return candidates.length === 1 ? (candidates[0] ?? chars) : chars;
}
