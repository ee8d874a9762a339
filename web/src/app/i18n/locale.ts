import i18n from 'i18next';

export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

const SIGNED_OUT_KEY = 'novaevo.locale';

/** Switches the page's language (and its `lang` attribute, for screen readers and hyphenation). */
export function applyLocale(locale: Locale): void {
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/** The language chosen on this device before signing in (French unless English was picked). */
export function signedOutLocale(): Locale {
  return localStorage.getItem(SIGNED_OUT_KEY) === 'en' ? 'en' : 'fr';
}

export function rememberSignedOutLocale(locale: Locale): void {
  localStorage.setItem(SIGNED_OUT_KEY, locale);
}
