// An OBD-II code: system letter (P powertrain, C chassis, B body, U network), then 0-3 and
// three hex digits. People write "P0301", "p 0301", "p-0301" or "code p0301".
const DTC = /(?<![a-z0-9])([pcbu])[ -]?([0-3][0-9a-f]{3})(?![a-z0-9])/g;
// "classe C 2013", "série C 2015": a model name and a year, not a chassis code.
const MODEL_BEFORE = /(?:classe|class|serie|series|type) $/;

/**
 * Fault codes found in folded (lower-case) text, normalised to upper case ("P0301"), each once,
 * in order of appearance.
 */
export function extractDtcCodes(folded: string): string[] {
  const codes = new Set<string>();
  for (const match of folded.matchAll(DTC)) {
    const [written, system, digits] = match;
    if (written.includes(' ') && MODEL_BEFORE.test(folded.slice(Math.max(0, match.index - 8), match.index))) continue;
    codes.add(`${system}${digits}`.toUpperCase());
  }
  return [...codes];
}
