const VIN_CHARS = /^[A-HJ-NPR-Z0-9]{17}$/;
// ISO 3779 transliteration: A-H → 1-8, J-N → 1-5, P → 7, R → 9, S-Z → 2-9.
const LETTER_VALUES: Record<string, number> = Object.fromEntries(
  [...'ABCDEFGH'].map((c, i) => [c, i + 1] as const).concat(
    [...'JKLMN'].map((c, i) => [c, i + 1] as const),
    [['P', 7], ['R', 9]],
    [...'STUVWXYZ'].map((c, i) => [c, i + 2] as const),
  ),
);
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

function charValue(ch: string): number {
  return LETTER_VALUES[ch] ?? Number(ch);
}

/** The ISO 3779 / FMVSS 565 check digit of a 17-character VIN ('0'-'9' or 'X'). */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += charValue(vin[i]!) * WEIGHTS[i]!;
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/**
 * Normalises a VIN (upper case, spaces and dashes removed) or returns undefined when it is not
 * one: 17 characters without I, O or Q. The check digit (position 9) is mandatory only for
 * North American VINs (first character 1-5); European makers do not use it.
 */
export function parseVin(input: string): string | undefined {
  const vin = input.replace(/[\s-]/g, '').toUpperCase();
  if (!VIN_CHARS.test(vin)) return undefined;
  if (/^[1-5]/.test(vin) && vin[8] !== vinCheckDigit(vin)) return undefined;
  return vin;
}
