import { asDigit, asLetter } from './char-confusions.ts';
import type { CertificateCode } from './certificate-codes.ts';
import { readDate } from './dates.ts';
import { MAKES, snapMake, snapModel } from './makes.ts';
import { readPlate } from './plate.ts';
import { readVin } from './vin.ts';

/** A field's value once its grammar has been applied. */
export interface FieldValue {
  value: string;
  /** false when the text does not fit the field's grammar (the raw text is kept as the value). */
  valid: boolean;
  /** Characters the grammar changed (lookalikes, a make snapped to the list). */
  repaired: number;
  /** For E: false when a North American VIN's check digit fails. */
  checkDigitValid?: boolean;
}

const INTEGER_CODES = new Set<CertificateCode>(['F.1', 'F.2', 'F.3', 'G', 'G.1', 'P.1', 'P.2', 'P.6', 'S.1', 'S.2', 'U.1', 'U.2', 'V.7', 'C.4.1']);
const DATE_CODES = new Set<CertificateCode>(['B', 'I', 'X.1']);
const KNOWN_WMIS: ReadonlySet<string> = new Set(MAKES.flatMap((m) => m.wmis));
const clean = (text: string) => text.trim().replace(/\s+/g, ' ');

/**
 * Applies the grammar of field `code` to the text read after it: plates, VINs, dates and
 * numbers are repaired where their grammar decides (a digit position turns O into 0, a letter
 * position 0 into O), the make is snapped to the make list and the model to that make's models;
 * the make (`context.make`, as snapped) also settles a VIN's manufacturer code between lookalikes.
 */
export function applyFieldGrammar(code: CertificateCode, text: string, context: { make?: string } = {}): FieldValue {
  const raw = clean(text);
  const invalid: FieldValue = { value: raw, valid: false, repaired: 0 };
  if (raw === '') return invalid;
  if (code === 'A') {
    const plate = readPlate(raw);
    return plate ? { value: plate.plate, valid: true, repaired: plate.repaired } : invalid;
  }
  if (code === 'E') {
    const makeWmis = new Set(MAKES.find((m) => m.make === context.make)?.wmis ?? []);
    const vin = readVin(raw, KNOWN_WMIS, makeWmis);
    if (!vin) return invalid;
    const northAmerican = /^[1-5]/.test(vin.vin);
    return { value: vin.vin, valid: true, repaired: vin.repaired, checkDigitValid: !northAmerican || vin.checkDigitValid };
  }
  if (DATE_CODES.has(code)) {
    const date = readDate(raw);
    return date ? { value: date.date, valid: true, repaired: date.repaired } : invalid;
  }
  if (INTEGER_CODES.has(code)) {
    const compact = raw.replace(/\s/g, '');
    const digits = [...compact].map((c) => asDigit(c.toUpperCase()));
    // Lookalikes are repaired in a number mostly of digits; a word ("AUDI" → 4001) is no number.
    const mostlyDigits = compact.replace(/\D/g, '').length * 2 > compact.length;
    if (digits.length === 0 || digits.length > 6 || !digits.every(Boolean) || !mostlyDigits) return invalid;
    const value = digits.join('');
    return { value, valid: true, repaired: [...raw.replace(/\s/g, '')].filter((c, i) => c !== value[i]).length };
  }
  if (code === 'D.1') {
    const snapped = snapMake(raw);
    return snapped ? { value: snapped.make, valid: true, repaired: Math.ceil(snapped.distance) } : { value: raw.toUpperCase(), valid: true, repaired: 0 };
  }
  if (code === 'D.3') {
    const value = snapModel(context.make, raw);
    return { value, valid: true, repaired: value === raw.toUpperCase() ? 0 : 1 };
  }
  if (code === 'C.1') return personName(raw);
  if (code === 'Q') {
    // kW/kg, a decimal such as 0,07: lookalike letters in it are digits.
    const chars = [...raw.replace(/\s/g, '').toUpperCase()];
    const read = chars.map((c) => (c === ',' || c === '.' ? '.' : asDigit(c)));
    const value = read.every(Boolean) ? read.join('') : '';
    if (!/^\d{1,2}\.\d{1,3}$/.test(value)) return invalid;
    return { value, valid: true, repaired: chars.filter((c, i) => c !== value[i] && !(c === ',' && value[i] === '.')).length };
  }
  if (code === 'J') {
    // EU categories: M1, N1, L3e, O2...
    const m = /^([A-Z0-9])([0-9A-Z])([A-Za-z]?)$/.exec(raw.replace(/\s/g, ''));
    const letter = m ? asLetter((m[1] ?? '').toUpperCase()) : undefined;
    const digit = m ? asDigit((m[2] ?? '').toUpperCase()) : undefined;
    if (!m || !letter || !digit || !'MNLOT'.includes(letter)) return invalid;
    const value = `${letter}${digit}${(m[3] ?? '').toLowerCase()}`;
    return { value, valid: true, repaired: value === raw ? 0 : 1 };
  }
  if (code === 'J.1' || code === 'P.3' || code === 'J.2') {
    const letters = [...raw.replace(/\s/g, '').toUpperCase()].map(asLetter);
    if (!letters.every(Boolean) || letters.length > 6) return invalid;
    const value = letters.join('');
    return { value, valid: true, repaired: value === raw.toUpperCase() ? 0 : 1 };
  }
  return { value: raw, valid: true, repaired: 0 };
}

/** A holder's name: letters (accents kept), spaces, hyphens and apostrophes; lookalike digits become letters. */
function personName(raw: string): FieldValue {
  const digits = raw.replace(/\D/g, '').length;
  // A lookalike digit among letters is a letter; a value made of digits is no name.
  if (digits * 2 >= raw.replace(/\s/g, '').length) return { value: raw, valid: false, repaired: 0 };
  let repaired = 0;
  const value = [...raw.toUpperCase()]
    .map((c) => {
      if (/\d/.test(c)) {
        repaired++;
        return asLetter(c) ?? c;
      }
      return c;
    })
    .join('')
    .replace(/[^\p{L} '-]/gu, '')
    .replace(/ +/g, ' ')
    .trim();
  // Not a name once cleaned: the text as read stays the value, as for every other grammar.
  if (!/^\p{L}[\p{L} '-]*$/u.test(value) || value.length < 2) return { value: raw, valid: false, repaired: 0 };
  return { value, valid: true, repaired };
}
