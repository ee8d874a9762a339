/** True when `digits` passes the Luhn checksum (used by SIREN and SIRET). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Normalises a SIREN as people type it ("732 829 320", "732.829.320") to its 9 digits,
 * or returns undefined when it is not a valid SIREN (9 digits with a Luhn check digit).
 */
export function parseSiren(input: string): string | undefined {
  const compact = input.replace(/[\s.\u00a0-]/g, '');
  if (!/^\d{9}$/.test(compact)) return undefined;
  return luhnValid(compact) ? compact : undefined;
}
