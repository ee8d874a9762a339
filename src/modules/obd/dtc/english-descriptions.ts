import descriptions from './generic-en.json' with { type: 'json' };

/**
 * SAE J2012 wording of the generic codes, keyed by code: P0xxx (including the P0A–P0C hybrid
 * codes), P2xxx, P34xx (cylinder deactivation), U0xxx/U3xxx and the defined B0/C0 codes.
 * Facts gathered from public DTC lists and checked against each other: the "all manufacturers"
 * entries of panda-zhao/panda-zhao.github.io (ymiot/OBDII, the most recent J2012 revision of
 * the three), brendan-w/python-OBD (obd/codes.py) and fabiovila/OBDIICodes (codes.h). The
 * "(Subfault)" marks were dropped and a few truncated words restored.
 */
const ENGLISH: Readonly<Record<string, string>> = descriptions;

/** The J2012 English description of a generic code, or undefined when the table lacks it. */
export function englishDescription(code: string): string | undefined {
  return Object.hasOwn(ENGLISH, code) ? ENGLISH[code] : undefined;
}

/** Every generic code the table describes, in code order. */
export function describedCodes(): readonly string[] {
  return Object.keys(ENGLISH);
}
