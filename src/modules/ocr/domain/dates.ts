import { asDigit } from './char-confusions.ts';

// Digits that cannot stand at a position, read as the allowed digit they resemble (a blurred
// 0 reads 6, 8 or 9; a 1 reads 7). Allowed digits map to themselves.
const MONTH_TENS: Record<string, string> = { '0': '0', '1': '1', '6': '0', '8': '0', '9': '0', '7': '1' };
const DAY_TENS: Record<string, string> = { '0': '0', '1': '1', '2': '2', '3': '3', '6': '0', '9': '0', '7': '1' };
// Years run 1900-2100: after a 2 comes a 0 (or the 1 of 2100).
const CENTURY_20: Record<string, string> = { '0': '0', '1': '1', '6': '0', '8': '0', '9': '0' };

/**
 * Reads a date printed DD/MM/YYYY (the certificate's form) into YYYY-MM-DD, repairing
 * lookalike letters in digit positions (O → 0, I → 1, S → 5, B → 8, Z → 2), and lookalike digits
 * where the calendar forbids them (10/67/2025 → 10/07/2025, 2617 → 2017). Separators may be
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
  const [dd, mm, yyyy] = [digits(match[1] ?? ''), digits(match[2] ?? ''), digits(match[3] ?? '')];
  // Where the calendar allows few digits, a digit it forbids is the lookalike it stands for.
  const fix = (value: string, at: number, allowed: Record<string, string>) => {
    const c = value[at] ?? '';
    const next = allowed[c];
    if (next === undefined || next === c) return value;
    repaired++;
    return value.slice(0, at) + next + value.slice(at + 1);
  };
  const [day, month, year] = [
    fix(dd, 0, DAY_TENS),
    fix(mm, 0, MONTH_TENS),
    yyyy[0] === '2' ? fix(yyyy, 1, CENTURY_20) : yyyy,
  ].map(Number);
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year)) return undefined;
  if (year === undefined || month === undefined || day === undefined) return undefined;
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return undefined;
  return { date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, repaired };
}
