import type { JsonValue } from '../ports/event-bus.ts';

export type Locale = 'fr' | 'en';

/** One message in one language; `{{name}}` placeholders take the notification's data. */
export interface MessageTemplate {
  title: string;
  body: string;
}

/** Templates by notification kind (`<module>.<what>`), French first (the default), English too. */
export type NotificationTemplates = Readonly<Record<string, { fr: MessageTemplate; en: MessageTemplate }>>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g;

function lookup(data: JsonValue | undefined, path: string): JsonValue | undefined {
  let value: JsonValue | undefined = data;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = value[part];
  }
  return value;
}

function format(value: JsonValue | undefined, locale: Locale, timeZone: string): string {
  if (value === undefined || value === null) return '';
  // ISO instants are shown as local dates and times, in the user's language.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) {
    return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(value));
  }
  if (typeof value === 'number') return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB').format(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Renders `{{placeholders}}` with the notification's data: instants in the user's language
 * and Europe/Paris time, numbers in the user's locale. A missing value renders as empty text.
 */
export function renderTemplate(template: MessageTemplate, data: JsonValue | undefined, locale: Locale, timeZone = 'Europe/Paris'): MessageTemplate {
  const fill = (text: string) => text.replace(PLACEHOLDER, (_, path: string) => format(lookup(data, path), locale, timeZone));
  return { title: fill(template.title), body: fill(template.body) };
}
