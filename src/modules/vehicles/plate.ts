// SIV (since 2009): AA-123-AA. Letters I, O and U are never used; the 000 number and the
// SS / WW letter pairs are reserved.
const SIV = /^([A-HJ-NP-TV-Z]{2})-?(\d{3})-?([A-HJ-NP-TV-Z]{2})$/;
// FNI (before 2009, still on older cars): 1-4 digits, 1-3 letters, department (01-95, 2A, 2B, 971-976).
const FNI = /^(\d{1,4})([A-Z]{1,3})(\d{2}|2A|2B|97[1-6])$/;

export type PlateFormat = 'SIV' | 'FNI';

/**
 * Reads a French registration plate as people type it ("ab 123 cd", "AB-123-CD",
 * "1234 AB 56") into its canonical form ("AB-123-CD", "1234 AB 56"), or undefined.
 */
export function parsePlate(input: string): { plate: string; format: PlateFormat } | undefined {
  const upper = input.trim().toUpperCase().replace(/[\s.]+/g, ' ');
  const compact = upper.replace(/[\s-]/g, '');
  const siv = SIV.exec(compact);
  if (siv) {
    const [, a, n, b] = siv;
    if (n === '000' || a === 'SS' || a === 'WW' || b === 'SS') return undefined;
    return { plate: `${a}-${n}-${b}`, format: 'SIV' };
  }
  const fni = FNI.exec(compact);
  if (fni) {
    const [, n, letters, dept] = fni;
    if (dept === '00' || dept === '96' || dept === '97' || dept === '98' || dept === '99') return undefined;
    return { plate: `${n} ${letters} ${dept}`, format: 'FNI' };
  }
  return undefined;
}
