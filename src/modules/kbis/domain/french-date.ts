/** French month names as written on a Kbis, in calendar order (accents optional when read). */
export const FRENCH_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'] as const;

const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const MONTH_KEYS = FRENCH_MONTHS.map(strip);

/** A date pattern (either form) for searching inside a line of text. */
export const FRENCH_DATE_PATTERN = String.raw`(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|(?:1er|\d{1,2})\s+[\p{L}]+\s+\d{4})`;

function iso(year: number, month: number, day: number): string | undefined {
  if (year < 1800 || year > 2999 || month < 1 || month > 12 || day < 1) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return undefined; // 31/02 and the like
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads a date as French documents write it, "12/03/2026" (day first) or "12 mars 2026"
 * ("1er mars 2026" too), to an ISO calendar date; undefined when it is not a real date.
 */
export function parseFrenchDate(input: string): string | undefined {
  const s = input.trim();
  const numeric = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(s);
  if (numeric) return iso(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  const written = /^(1er|\d{1,2})\s+([\p{L}]+)\s+(\d{4})$/u.exec(s);
  if (!written) return undefined;
  const month = MONTH_KEYS.indexOf(strip(written[2]!));
  if (month < 0) return undefined;
  return iso(Number(written[3]), month + 1, written[1] === '1er' ? 1 : Number(written[1]));
}

/** Writes an ISO date the way a Kbis does: `numeric` "12/03/2026" or `written` "12 mars 2026". */
export function formatFrenchDate(isoDate: string, style: 'numeric' | 'written'): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  if (style === 'numeric') return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
  return `${d === 1 ? '1er' : d} ${FRENCH_MONTHS[m - 1]} ${y}`;
}

/**
 * `iso` (YYYY-MM-DD) plus `months` calendar months; a day past the month's end is its last day
 * (30 novembre + 3 months is 28 or 29 février).
 */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day of `at` in Paris (where greffes date their extracts), YYYY-MM-DD. */
export function parisDay(at: Date): string {
  return PARIS_DAY.format(at);
}
