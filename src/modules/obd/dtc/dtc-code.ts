/** The system a fault code belongs to, from its first letter (SAE J2012 / ISO 15031-6). */
export type DtcSystem = 'powertrain' | 'chassis' | 'body' | 'network';

const CODE = /^[PCBU][0-3][0-9A-F]{3}$/;

const SYSTEMS: Readonly<Record<string, DtcSystem>> = { P: 'powertrain', C: 'chassis', B: 'body', U: 'network' };

/**
 * Whether a string is a five-character fault code such as "P0301" or "U0100" (upper case,
 * hexadecimal digits after the second character).
 *
 * @example
 * isValidDtcCode('P0A80'); // true
 * isValidDtcCode('P4000'); // false: the second character is 0 to 3
 */
export function isValidDtcCode(code: string): boolean {
  return CODE.test(code);
}

/**
 * The system of a valid fault code, or undefined for an invalid one.
 *
 * @example
 * dtcSystem('U0100'); // "network"
 */
export function dtcSystem(code: string): DtcSystem | undefined {
  return isValidDtcCode(code) ? SYSTEMS[code.charAt(0)] : undefined;
}

/**
 * Whether J2012 leaves a valid code to the manufacturer: P1xxx, P30xx–P33xx, and the 1 and 2
 * ranges of every system (B1/B2, C1/C2, U1/U2). P0, P2, P34–P3F, B0/B3, C0/C3 and U0/U3 are
 * ISO/SAE-controlled (generic).
 */
export function isManufacturerSpecific(code: string): boolean {
  const range = code.charAt(1);
  if (range === '1' || range === '2') return !(code.startsWith('P2'));
  return code.startsWith('P3') && '0123'.includes(code.charAt(2));
}
