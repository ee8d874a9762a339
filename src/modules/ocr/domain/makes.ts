/**
 * Makes a French registration certificate names in D.1, with the World Manufacturer
 * Identifiers (the first three VIN characters, ISO 3780) of their main plants and a few of their
 * models (D.3). WMIs decide which make a VIN belongs to; the lists are not exhaustive.
 */
export interface MakeEntry {
  make: string;
  wmis: readonly string[];
  models: readonly string[];
}

export const MAKES: readonly MakeEntry[] = [
  { make: 'RENAULT', wmis: ['VF1', 'VF6', 'VF8'], models: ['CLIO', 'MEGANE', 'CAPTUR', 'TWINGO', 'SCENIC', 'KADJAR', 'ZOE', 'AUSTRAL', 'KANGOO', 'ARKANA'] },
  { make: 'PEUGEOT', wmis: ['VF3', 'VR3'], models: ['208', '308', '2008', '3008', '5008', '508', 'PARTNER', 'RIFTER', '108'] },
  { make: 'CITROEN', wmis: ['VF7', 'VR7'], models: ['C3', 'C4', 'C5 AIRCROSS', 'BERLINGO', 'C1', 'C3 AIRCROSS', 'SPACETOURER'] },
  { make: 'DACIA', wmis: ['UU1', 'VGA'], models: ['SANDERO', 'DUSTER', 'SPRING', 'JOGGER', 'LOGAN'] },
  { make: 'VOLKSWAGEN', wmis: ['WVW', 'WVG', 'WV1'], models: ['GOLF', 'POLO', 'TIGUAN', 'T-ROC', 'PASSAT', 'ID.3', 'TOURAN'] },
  { make: 'TOYOTA', wmis: ['VNK', 'SB1', 'JTD', 'JTN'], models: ['YARIS', 'COROLLA', 'C-HR', 'RAV4', 'AYGO X', 'PRIUS'] },
  { make: 'FORD', wmis: ['WF0'], models: ['FIESTA', 'FOCUS', 'KUGA', 'PUMA', 'TRANSIT'] },
  { make: 'OPEL', wmis: ['W0L', 'W0V'], models: ['CORSA', 'ASTRA', 'MOKKA', 'GRANDLAND', 'CROSSLAND'] },
  { make: 'FIAT', wmis: ['ZFA'], models: ['500', 'PANDA', 'TIPO', 'DOBLO', '500X'] },
  { make: 'BMW', wmis: ['WBA', 'WBS', 'WBY'], models: ['SERIE 1', 'SERIE 3', 'X1', 'X3', 'I3'] },
  { make: 'MERCEDES-BENZ', wmis: ['WDD', 'W1K', 'WDB'], models: ['CLASSE A', 'CLASSE C', 'GLA', 'CLASSE E', 'SPRINTER'] },
  { make: 'AUDI', wmis: ['WAU', 'WUA'], models: ['A1', 'A3', 'A4', 'Q3', 'Q5', 'E-TRON'] },
  { make: 'SKODA', wmis: ['TMB'], models: ['FABIA', 'OCTAVIA', 'KAROQ', 'KODIAQ', 'ENYAQ'] },
  { make: 'SEAT', wmis: ['VSS'], models: ['IBIZA', 'LEON', 'ARONA', 'ATECA'] },
  { make: 'NISSAN', wmis: ['SJN', 'VSK', 'JN1'], models: ['QASHQAI', 'JUKE', 'MICRA', 'LEAF', 'X-TRAIL'] },
  { make: 'KIA', wmis: ['U5Y', 'KNA'], models: ['PICANTO', 'RIO', 'CEED', 'SPORTAGE', 'NIRO'] },
  { make: 'HYUNDAI', wmis: ['TMA', 'KMH', 'NLH'], models: ['I10', 'I20', 'I30', 'TUCSON', 'KONA'] },
  { make: 'TESLA', wmis: ['5YJ', 'LRW', 'XP7'], models: ['MODEL 3', 'MODEL Y', 'MODEL S'] },
  { make: 'VOLVO', wmis: ['YV1'], models: ['XC40', 'XC60', 'V60', 'XC90'] },
  { make: 'SUZUKI', wmis: ['TSM', 'JS2'], models: ['SWIFT', 'VITARA', 'IGNIS', 'S-CROSS'] },
  { make: 'MINI', wmis: ['WMW'], models: ['COOPER', 'COUNTRYMAN', 'ONE'] },
  { make: 'DS', wmis: ['VR1'], models: ['DS 3', 'DS 4', 'DS 7'] },
  { make: 'MAZDA', wmis: ['JMZ'], models: ['MAZDA2', 'CX-30', 'CX-5', 'MX-5'] },
  { make: 'HONDA', wmis: ['SHH', 'JHM'], models: ['JAZZ', 'CIVIC', 'HR-V', 'CR-V'] },
];

/** The make whose WMI starts the VIN, if known. */
export function makeOfVin(vin: string): string | undefined {
  const wmi = vin.slice(0, 3);
  return MAKES.find((entry) => entry.wmis.includes(wmi))?.make;
}

/** Levenshtein distance, with an early exit once past `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** OCR's usual letter swaps cost half an edit when snapping to the list (RENAUIT → RENAULT). */
const LOOKALIKES = new Set(['IL', 'LI', 'I1', '1I', 'L1', '1L', 'O0', '0O', 'DO', 'OD', 'D0', '0D', 'S5', '5S', 'B8', '8B', 'Z2', '2Z', 'G6', '6G', 'EF', 'FE', 'CG', 'GC', 'UV', 'VU']);

/**
 * Snaps a make as read to the list: the exact entry, or the nearest one within a distance that
 * grows with the length (one edit up to 5 letters, two beyond); lookalike swaps count half.
 * Accents, spaces and dashes are ignored. Undefined when nothing is near enough.
 */
export function snapMake(read: string): { make: string; distance: number } | undefined {
  const key = squash(read);
  if (key.length < 2) return undefined;
  let best: { make: string; distance: number } | undefined;
  for (const { make } of MAKES) {
    const target = squash(make);
    const distance = weightedDistance(key, target);
    if (!best || distance < best.distance) best = { make, distance };
  }
  if (!best) return undefined;
  const allowed = key.length <= 5 ? 1 : 2;
  return best.distance <= allowed ? best : undefined;
}

/** Upper case, accents stripped, letters and digits only. */
export function squash(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

function weightedDistance(a: string, b: string): number {
  if (a.length === b.length) {
    let cost = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) cost += LOOKALIKES.has(`${a[i]}${b[i]}`) ? 0.5 : 1;
    return Math.min(cost, editDistance(a, b, 3));
  }
  return editDistance(a, b, 3);
}

// Glyph classes OCR confuses in short model names (A1 read AL, I3 read 13, C3 read G3).
const MODEL_GLYPHS = ['I1L|', 'O0DQ', 'S5', 'Z2', 'B8', 'G6C'];
const GLYPH_CLASS = new Map<string, string>(MODEL_GLYPHS.flatMap((chars) => [...chars].map((c) => [c, chars[0] ?? c] as const)));
const glyphShape = (value: string) => [...value].map((c) => GLYPH_CLASS.get(c) ?? c).join('');

/**
 * The model as read, snapped to the make's known models: the exact one, or the only one whose
 * letters are lookalikes of what was read (CL1O → CLIO, AL → A1), or for a long name one edit
 * away. Otherwise the text as read (the list is not exhaustive).
 */
export function snapModel(make: string | undefined, read: string): string {
  const entry = MAKES.find((m) => m.make === make);
  const value = read.trim().replace(/\s+/g, ' ').toUpperCase();
  if (!entry) return value;
  const key = squash(value);
  for (const model of entry.models) if (squash(model) === key) return model;
  const lookalikes = entry.models.filter((model) => glyphShape(squash(model)) === glyphShape(key));
  if (lookalikes.length === 1 && lookalikes[0]) return lookalikes[0];
  for (const model of entry.models) {
    const target = squash(model);
    if (target.length >= 4 && target.length === key.length && weightedDistance(key, target) <= 1) return model;
  }
  return value;
}
