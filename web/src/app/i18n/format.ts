import { useTranslation } from 'react-i18next';

// Every time is shown on the French wall clock, whatever the device's zone: bookings, opening
// hours and reminders are all Paris times.
const TIME_ZONE = 'Europe/Paris';
const TAGS: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Dates in the user's language, at Paris time. (Numbers in messages: i18next's `{{n, number}}`.) */
export function useFormat() {
  const { i18n } = useTranslation();
  const tag = TAGS[i18n.language] ?? 'fr-FR';
  return {
    dateTime: (iso: string) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(new Date(iso)),
  };
}
