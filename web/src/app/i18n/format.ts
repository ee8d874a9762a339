import { useTranslation } from 'react-i18next';

// Every time is shown on the French wall clock, whatever the device's zone: bookings, opening
// hours and reminders are all Paris times.
const TIME_ZONE = 'Europe/Paris';
const TAGS: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Dates and numbers in the user's language, times in Europe/Paris. */
export function useFormat() {
  const { i18n } = useTranslation();
  const tag = TAGS[i18n.language] ?? 'fr-FR';
  return {
    dateTime: (iso: string) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(new Date(iso)),
    date: (iso: string) => new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: TIME_ZONE }).format(new Date(iso)),
    number: (n: number) => new Intl.NumberFormat(tag).format(n),
  };
}
