// An OBD-II code: system letter (P powertrain, C chassis, B body, U network), then 0-3 and
// three hex digits. People write "P0301", "p 0301", "p-0301" or "code p0301".
const DTC = /(?<![a-z0-9])([pcbu])[ -]?([0-3][0-9a-f]{3})(?![a-z0-9])/g;

/**
 * Fault codes found in folded (lower-case) text, normalised to upper case ("P0301"), each once,
 * in order of appearance.
 */
export function extractDtcCodes(folded: string): string[] {
  const codes = new Set<string>();
  for (const [, system, digits] of folded.matchAll(DTC)) codes.add(`${system}${digits}`.toUpperCase());
  return [...codes];
}
