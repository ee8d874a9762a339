import { MAKES, type MakeEntry } from './vehicle-makes.ts';

/** Make, model and year as a description states them (null when absent). */
export interface VehicleNames {
  make: string | null;
  model: string | null;
  year: number | null;
}

// Model names that are also everyday words: found alone they do not name a car.
const COMMON_WORDS = new Set(
  (
    'note jazz leaf swift master expert partner boxer spring focus golf one born seal dolphin fox alto delta rapid soul ' +
    'trafic beetle coccinelle courier fusion galaxy ranger outback compass defender discovery patrol rafale symbol ' +
    'espace scala superb ami verso colt up ka rio han cooper model picasso jumper ion modus iq is es ct ux nx rx hs zs ' +
    'musa one ateca legacy'
  ).split(' '),
);
// A model name that is also a word, or a number, counts right after a possessive: "ma golf", "ma 308".
const POSSESSIVE = /(?:^|[^a-z])(?:ma|mon|sa|son|notre|my|our|his|her)\s$/;
// ... or right before a generation number or an engine name: "golf 7", "polo tdi", "308 hdi".
const VERSION_AFTER = /^ (?:\d{1,2}\b|tdi|gti|tsi|tfsi|hdi|bluehdi|dci|gtd|puretech|ecoboost|vti|thp)\b/;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const word = (s: string) => `(?<![a-z0-9])${escapeRegExp(s).replace(/ /g, '[ -]?')}(?![a-z0-9])`;

interface Compiled {
  entry: MakeEntry;
  make: RegExp;
  modelsLongestFirst: Array<{ key: string; display: string; pattern: RegExp; alone: boolean; common: boolean }>;
}

const COMPILED: Compiled[] = MAKES.map((entry) => {
  const modelsLongestFirst = Object.entries(entry.models)
    .sort(([a], [b]) => b.length - a.length || a.localeCompare(b))
    .map(([key, display]) => ({
      key,
      display,
      pattern: new RegExp(word(key), 'g'),
      alone: key.length >= 3 && /^[a-z][a-z ]+$/.test(key),
      common: COMMON_WORDS.has(key),
    }));
  const plain = entry.spellings.map(word);
  const withModel = (entry.needsModel ?? []).map((s) => `${word(s)}(?= (?:${modelsLongestFirst.map((m) => escapeRegExp(m.key)).join('|')})(?![a-z0-9]))`);
  return { entry, make: new RegExp([...plain, ...withModel].join('|')), modelsLongestFirst };
});

const YEAR = /(?<!\w|\d[.,])(19[5-9]\d|20[0-4]\d)(?!\w|[.,]\d| ?(?:km|k\b|kms|miles|mi\b|tr|rpm|tours|eur|euros|€|\$))/g;
// A year is the vehicle's only when it sits by the vehicle's name ("308 de 2012", "2014 Ford
// Focus") or after a word that says so; "réparé en 2019" dates something else.
const YEAR_CUE = /(?:annee|modele|model|mec|mise en circulation|voiture de|vehicule de|car from|year|immatriculee en)\s*(?:de |du |:)?\s*$/;
const NEAR_AFTER = 16;
const NEAR_BEFORE = 3;

function findModel(compiled: Compiled, text: string, after: number): { display: string; index: number; length: number } | null {
  // The model named right after the make wins ("peugeot 308 de 2008" is a 308, not a 2008).
  const tail = text.slice(after, after + 24);
  for (const m of compiled.modelsLongestFirst) {
    const hit = tail.matchAll(m.pattern).next().value;
    if (hit && hit.index <= 2) return { display: m.display, index: after + hit.index, length: hit[0].length };
  }
  for (const m of compiled.modelsLongestFirst) {
    for (const hit of text.matchAll(m.pattern)) {
      const afterPossessive = POSSESSIVE.test(text.slice(Math.max(0, hit.index - 8), hit.index));
      const beforeVersion = VERSION_AFTER.test(text.slice(hit.index + hit[0].length, hit.index + hit[0].length + 12));
      // Distinctive names count anywhere; everyday words and numbers after a possessive or before a
      // generation or engine ("ma golf", "ma 308", "golf 7 tdi").
      if ((m.alone && !m.common) || ((afterPossessive || beforeVersion) && (m.common || /^\d{3,4}$/.test(m.key)))) {
        return { display: m.display, index: hit.index, length: hit[0].length };
      }
    }
  }
  return null;
}

/** The make whose VIN world manufacturer identifier starts the VIN, if known. */
export function makeFromVin(vin: string): string | null {
  const wmi = vin.slice(0, 3).toUpperCase();
  return MAKES.find((m) => m.wmi.includes(wmi))?.name ?? null;
}

/**
 * Make, model and year named in a folded text: "ma peugeot 308 de 2012", "clio 4 2016",
 * "vw golf 7 2015". A distinctive model name alone ("ma clio") names its make too.
 */
export function extractVehicleNames(folded: string): VehicleNames {
  const text = folded.replace(/-/g, ' ');
  let make: Compiled | undefined;
  let model: { display: string; index: number; length: number } | null = null;
  let makeHit: RegExpExecArray | null = null;
  for (const c of COMPILED) {
    const hit = c.make.exec(text);
    if (hit && (!makeHit || hit.index < makeHit.index)) {
      make = c;
      makeHit = hit;
    }
  }
  if (make && makeHit) model = findModel(make, text, makeHit.index + makeHit[0].length + 1);
  else {
    for (const c of COMPILED) {
      const found = findModel(c, text, text.length);
      if (found && (!model || found.index < model.index)) {
        make = c;
        model = found;
      }
    }
  }
  const rest = model ? text.slice(0, model.index) + ' '.repeat(model.length) + text.slice(model.index + model.length) : text;
  const spans = [
    makeHit && { start: makeHit.index, end: makeHit.index + makeHit[0].length },
    model && { start: model.index, end: model.index + model.length },
  ].filter((x) => !!x);
  const vehicleStart = Math.min(...spans.map((x) => x.start));
  const vehicleEnd = Math.max(...spans.map((x) => x.end));
  const year = [...rest.matchAll(YEAR)].find(({ index }) => {
    const near =
      spans.length > 0 &&
      ((index >= vehicleEnd && index - vehicleEnd <= NEAR_AFTER) || (vehicleStart - (index + 4) >= 0 && vehicleStart - (index + 4) <= NEAR_BEFORE));
    return near || YEAR_CUE.test(rest.slice(Math.max(0, index - 30), index));
  });
  return { make: make?.entry.name ?? null, model: model?.display ?? null, year: year ? Number(year[1]) : null };
}
