import { alnum, asDigit, asLetter, sameGlyph } from './char-confusions.ts';

/** A French plate as read. */
export interface PlateReading {
  plate: string;
  format: 'SIV' | 'FNI';
  repaired: number;
}

// SIV letters never use I, O or U (too close to 1, 0 and V).
const SIV_LETTER = /^[A-HJ-NP-TV-Z]$/;
const FNI_DEPARTMENTS = new Set([
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((d) => d !== '20'),
  '2A',
  '2B',
]);

/**
 * Reads a registration number: SIV (AB-123-CD, since 2009) or FNI (123 ABC 75, older). In the
 * SIV grammar positions 1-2 and 6-7 are letters and 3-5 digits, so 0/O, 1/I, 5/S, 8/B, 2/Z
 * confusions are repaired by position; an O (never issued) in a letter position is read as D,
 * an I or U (never issued either) makes it no plate. FNI is read as digits, letters, then a
 * department. When the text reads both ways, the reading with fewer repairs wins. A glyph read
 * twice as itself and its lookalike ("ND-926-6GJ") is read once.
 */
export function readPlate(raw: string): PlateReading | undefined {
  const chars = alnum(raw);
  const siv = chars.length === 7 ? readSiv(chars) : chars.length === 8 ? readSivGlyphReadTwice(chars) : undefined;
  const fni = readFni(chars, raw);
  // "487 ZD 44" also reads as SIV AB-720-AA by repairing five lookalikes: the reading that needs
  // fewer repairs is the plate (SIV when both need as many, the form issued since 2009).
  if (siv && fni) return fni.repaired < siv.repaired ? fni : siv;
  return siv ?? fni;
}

function readSiv(chars: string): PlateReading | undefined {
  let repaired = 0;
  const out: string[] = [];
  for (let i = 0; i < 7; i++) {
    const c = chars[i] ?? '';
    const digitPosition = i >= 2 && i <= 4;
    let next = digitPosition ? asDigit(c) : asLetter(c);
    // O is never issued: an O (or a 0) in a letter position is the round D it looks like.
    if (!digitPosition && next === 'O') next = 'D';
    if (!digitPosition && next && !SIV_LETTER.test(next)) next = undefined;
    if (!next) return undefined;
    if (next !== c) repaired++;
    out.push(next);
  }
  const [a, n, b] = [out.slice(0, 2).join(''), out.slice(2, 5).join(''), out.slice(5).join('')];
  if (n === '000' || a === 'SS' || a === 'WW' || b === 'SS') return undefined;
  return { plate: `${a}-${n}-${b}`, format: 'SIV', repaired };
}

/**
 * Eight characters where a SIV plate has seven: when dropping one glyph of a side-by-side
 * lookalike pair (6G, 0D, 1I...) leaves one SIV plate as printed, and only one, that is the plate.
 */
function readSivGlyphReadTwice(chars: string): PlateReading | undefined {
  const found = new Map<string, PlateReading>();
  for (let i = 0; i < chars.length - 1; i++) {
    if (!sameGlyph(chars[i] ?? '', chars[i + 1] ?? '')) continue;
    for (const drop of [i, i + 1]) {
      const siv = readSiv(chars.slice(0, drop) + chars.slice(drop + 1));
      // Only the doubled glyph may be wrong: with lookalikes to repair as well, a date
      // ("23/04/2006") would make a plate.
      if (siv?.repaired === 0) found.set(siv.plate, { ...siv, repaired: 1 });
    }
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

function readFni(chars: string, raw: string): PlateReading | undefined {
  // The spaces printed between the groups help: "123 ABC 75".
  const groups = raw.toUpperCase().trim().split(/[\s-]+/).map(alnum).filter(Boolean);
  if (groups.length === 3) {
    const [n = '', letters = '', dept = ''] = groups;
    const digits = [...n].map(asDigit);
    const lettersRead = [...letters].map(asLetter);
    const deptRead = dept.length === 2 && (dept === '2A' || dept === '2B') ? dept : [...dept].map(asDigit).join('');
    // A lookalike is repaired inside a group mostly of the right kind, never a whole group guessed.
    const mostly = (group: string, kind: RegExp) => [...group].filter((c) => kind.test(c)).length * 2 > group.length;
    if (!mostly(n, /\d/) || !mostly(letters, /[A-Z]/) || !(dept === '2A' || dept === '2B' || mostly(dept, /\d/))) return undefined;
    if (n.length >= 1 && n.length <= 4 && digits.every(Boolean) && letters.length >= 1 && letters.length <= 3 && lettersRead.every(Boolean) && FNI_DEPARTMENTS.has(deptRead)) {
      const plate = `${digits.join('')} ${lettersRead.join('')} ${deptRead}`;
      const repaired = [...`${n}${letters}${dept}`].filter((c, i) => c !== `${digits.join('')}${lettersRead.join('')}${deptRead}`[i]).length;
      return { plate, format: 'FNI', repaired };
    }
  }
  const match = /^(\d{1,4})([A-Z]{1,3})(\d{2}|2A|2B)$/.exec(chars);
  if (match && FNI_DEPARTMENTS.has(match[3] ?? '')) return { plate: `${match[1]} ${match[2]} ${match[3]}`, format: 'FNI', repaired: 0 };
  return undefined;
}
