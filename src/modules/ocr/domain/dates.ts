import { asDigit } from './char-confusions.ts';

/**
 * Reads a date printed DD/MM/YYYY (the certificate's form) into YYYY-MM-DD, repairing
 * lookalike letters in digit positions (O → 0, I → 1, S → 5, B → 8, Z → 2). Separators may be
 * misread (. - , or missing). Undefined for impossible dates (31/02, month 13) and years outside
 * 1900-2100.
 */
export function readDate(raw: string): { date: string; repaired: number } | undefined {
  const compact = raw.toUpperCase().replace(/[\s]/g, '');
  const match = /^([0-9A-Z]{2})[/.\-,]?([0-9A-Z]{2})[/.\-,]?([0-9A-Z]{4})$/.exec(compact);
  if (!match) return undefined;
  let repaired = 0;
  const digits = (group: string) =>
    [...group]
      .map((c) => {
        const d = asDigit(c);
        if (d !== c) repaired++;
        return d ?? 'x';
      })
      .join('');
  const [day, month, year] = [digits(match[1] ?? ''), digits(match[2] ?? ''), digits(match[3] ?? '')].map(Number);
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year)) return undefined;
  if (year === undefined || month === undefined || day === undefined) return undefined;
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return undefined;
  return { date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, repaired };
}
