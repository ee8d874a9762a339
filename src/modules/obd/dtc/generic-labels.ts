import type { DtcSystem } from './dtc-code.ts';

export type DtcLocale = 'fr' | 'en';

const SYSTEM_NAMES: Readonly<Record<DtcSystem, Readonly<Record<DtcLocale, string>>>> = {
  powertrain: { fr: 'groupe motopropulseur', en: 'powertrain' },
  chassis: { fr: 'châssis', en: 'chassis' },
  body: { fr: 'carrosserie et habitacle', en: 'body' },
  network: { fr: 'réseau de communication', en: 'network communication' },
};

/** The label of a code the manufacturer defines: "Code spécifique au constructeur (châssis)". */
export function manufacturerLabel(system: DtcSystem, locale: DtcLocale): string {
  const name = SYSTEM_NAMES[system][locale];
  return locale === 'fr' ? `Code spécifique au constructeur (${name})` : `Manufacturer-specific code (${name})`;
}

/** The label of a generic (ISO/SAE) code that the tables do not describe, reserved or newer. */
export function unlistedGenericLabel(system: DtcSystem, locale: DtcLocale): string {
  const name = SYSTEM_NAMES[system][locale];
  return locale === 'fr' ? `Code générique non répertorié (${name})` : `Generic code not listed (${name})`;
}
