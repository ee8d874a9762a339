import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { features } from '../features.ts';
import { commonMessages } from './common-messages.ts';
import { LOCALES, signedOutLocale } from './locale.ts';

// Imported once, by main.tsx: features import ./locale.ts, never this file (it imports them).

const resources = Object.fromEntries(
  LOCALES.map((lng) => [lng, { common: commonMessages[lng], ...Object.fromEntries(features.map((f) => [f.id, f.messages[lng]])) }]),
);

void i18n.use(initReactI18next).init({
  resources,
  lng: signedOutLocale(),
  fallbackLng: 'fr',
  defaultNS: 'common',
  ns: ['common', ...features.map((f) => f.id)],
  interpolation: { escapeValue: false }, // React escapes
});
document.documentElement.lang = i18n.language;
