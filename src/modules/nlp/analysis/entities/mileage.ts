const KM_PER_MILE = 1.609344;
// A number as people type it: "120000", "120 000", "85.000", "120,000", "1.5", then an optional
// thousands suffix ("k", "mille"), then the unit. "bornes" is French slang for kilometres.
const MILEAGE =
  /(?<![\w.,])(\d{1,3}(?:[ .,]\d{3})+|\d+(?:[.,]\d+)?) ?(k|mille|milles)? ?(km|kms|kilometres?|kilometers?|bornes|miles?|mi)(?![a-z]| ?\/ ?h\b| h\b)/g;
// "120k" with no unit: in a car description this is the odometer, unless money follows.
const BARE_THOUSANDS = /(?<![\w.,])(\d{2,3}(?:[.,]\d)?) ?k(?![a-z0-9])(?! ?(?:€|eur|euros|e\b|\$|dollars|balles))/g;
const MIN_KM = 100;
const MAX_KM = 2_000_000;

function parseNumber(raw: string): number {
  // A separator followed by exactly three digits groups thousands; otherwise it is a decimal mark.
  if (/^\d{1,3}(?:[ .,]\d{3})+$/.test(raw)) return Number(raw.replace(/[ .,]/g, ''));
  return Number(raw.replace(',', '.'));
}

/**
 * The odometer reading in a folded text, in kilometres ("75k miles" → 120,701), or null when
 * none is given. Readings under 100 km ("after 5 km") are distances driven and km/h are speeds: neither is the odometer. When several distances appear ("vidange tous les 15 000 km, elle a 180 000 km")
 * the largest is the odometer.
 */
export function extractMileageKm(folded: string): number | null {
  const readings: number[] = [];
  for (const [, number, thousands, unit] of folded.matchAll(MILEAGE)) {
    let value = parseNumber(number!);
    if (thousands) value *= 1000;
    if (unit!.startsWith('mi')) value *= KM_PER_MILE;
    readings.push(Math.round(value));
  }
  for (const [, number] of folded.matchAll(BARE_THOUSANDS)) readings.push(Math.round(parseNumber(number!) * 1000));
  const plausible = readings.filter((km) => Number.isFinite(km) && km >= MIN_KM && km <= MAX_KM);
  return plausible.length > 0 ? Math.max(...plausible) : null;
}
