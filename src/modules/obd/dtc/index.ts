import { dtcSystem, isManufacturerSpecific, isValidDtcCode, type DtcSystem } from './dtc-code.ts';
import { describedCodes, englishDescription } from './english-descriptions.ts';
import { frenchDescription } from './french-description.ts';
import { manufacturerLabel, unlistedGenericLabel, type DtcLocale } from './generic-labels.ts';

export { dtcSystem, isValidDtcCode, type DtcSystem, type DtcLocale };

/** What a fault code means, for an owner's screen or a notification. */
export interface DtcDescription {
  readonly description: string;
  readonly system: DtcSystem;
  /** True for codes whose meaning the manufacturer defines (P1xxx, B1xxx, U2xxx...). */
  readonly manufacturerSpecific: boolean;
}

/** How many generic codes the tables describe, and in which languages. */
export interface DtcCoverage {
  readonly generic: number;
  readonly french: number;
  readonly english: number;
}

// French wording is composed on first use and kept: a vehicle reports the same few codes often.
const frenchCache = new Map<string, string | undefined>();

function frenchFor(code: string, english: string): string | undefined {
  if (!frenchCache.has(code)) frenchCache.set(code, frenchDescription(english));
  return frenchCache.get(code);
}

/**
 * Describes a diagnostic trouble code in French or English. Generic codes get their SAE J2012
 * meaning (in French written for an owner; the English wording when no French exists yet);
 * manufacturer-specific codes and unlisted generic codes get a label naming their system.
 * Lower case is accepted; anything that is not a valid code gives undefined.
 *
 * @example
 * describeDtc('P0301', 'fr');
 * // { description: "Raté d'allumage détecté sur le cylindre 1", system: 'powertrain', manufacturerSpecific: false }
 * describeDtc('P1234', 'fr')?.description; // "Code spécifique au constructeur (groupe motopropulseur)"
 */
export function describeDtc(code: string, locale: DtcLocale): DtcDescription | undefined {
  const normalized = code.toUpperCase();
  const system = dtcSystem(normalized);
  if (system === undefined) return undefined;
  if (isManufacturerSpecific(normalized)) {
    return { description: manufacturerLabel(system, locale), system, manufacturerSpecific: true };
  }
  const english = englishDescription(normalized);
  if (english === undefined) return { description: unlistedGenericLabel(system, locale), system, manufacturerSpecific: false };
  const description = locale === 'fr' ? (frenchFor(normalized, english) ?? english) : english;
  return { description, system, manufacturerSpecific: false };
}

/** Counts of the generic codes described: in all, with French wording, with English wording. */
export function dtcCoverage(): DtcCoverage {
  const codes = describedCodes();
  let french = 0;
  for (const code of codes) {
    const english = englishDescription(code);
    if (english !== undefined && frenchFor(code, english) !== undefined) french += 1;
  }
  return { generic: codes.length, french, english: codes.filter((code) => (englishDescription(code) ?? '').length > 0).length };
}
