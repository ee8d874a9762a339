import { useTranslation } from 'react-i18next';

const TAGS: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Amounts (integer cents) and rates in the user's language. */
export function useNumbers() {
  const { i18n } = useTranslation();
  const tag = TAGS[i18n.language] ?? 'fr-FR';
  return {
    tag,
    money: (cents: number, currency: string) => new Intl.NumberFormat(tag, { style: 'currency', currency }).format(cents / 100),
    percent: (ratio: number) => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }).format(ratio),
    count: (n: number) => new Intl.NumberFormat(tag).format(n),
    /** A UTC day `YYYY-MM-DD` as a short date (the API's days are UTC days). */
    day: (day: string) => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)),
  };
}

/** Today and the `days - 1` days before it, as UTC days `YYYY-MM-DD` (the reports' days). */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  return { from: new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
}
