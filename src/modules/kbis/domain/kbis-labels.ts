/**
 * The labels and section headings of a Kbis extract as the greffes print them (Infogreffe's
 * layout), matched loosely: case, accents, punctuation and spacing do not matter, so that a text
 * layer and an OCR reading of the same page are read alike.
 */

/** A character-for-character fold (same length as its input, so offsets carry back to the original). */
export function foldKeepingLength(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) {
      out += ' '; // half of a character outside the BMP: never part of a label
      continue;
    }
    const base = c.normalize('NFD')[0]!;
    const lower = base.toLowerCase();
    out += lower.length === 1 ? lower : base;
  }
  return out;
}

function loose(label: string): RegExp {
  const words = label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return new RegExp(`^\\s*${words.join('[^\\p{L}\\p{N}]*')}[\\s:.|)]*`, 'u');
}

/** Field labels, by what they hold. */
export const FIELD_LABELS = {
  rcsNumber: loose('Immatriculation au RCS, numéro'),
  registrationDate: loose("Date d'immatriculation"),
  companyName: loose('Dénomination ou raison sociale'),
  denomination: loose('Dénomination'),
  legalForm: loose('Forme juridique'),
  shareCapital: loose('Capital social'),
  address: loose('Adresse du siège'),
  duration: loose('Durée de la personne morale'),
  yearEnd: loose("Date de clôture de l'exercice social"),
  personName: loose('Nom, prénoms'),
  birth: loose('Date et lieu de naissance'),
  nationality: loose('Nationalité'),
  home: loose('Domicile personnel'),
  establishmentAddress: loose("Adresse de l'établissement"),
  activity: loose('Activité(s) exercée(s)'),
  activityStart: loose("Date de commencement d'activité"),
  origin: loose("Origine du fonds ou de l'activité"),
  operation: loose("Mode d'exploitation"),
  verificationCode: loose('Code de vérification'),
  managementNumber: loose('N° de gestion'),
} as const;

export type FieldLabel = keyof typeof FIELD_LABELS;

/** Section headings, in document order. */
export const SECTION_HEADINGS = {
  identification: loose('Identification de la personne morale'),
  management: loose('Gestion, direction, administration, contrôle, associés ou membres'),
  establishment: loose("Renseignements relatifs à l'activité et à l'établissement principal"),
  other: loose('Immatriculations hors ressort'),
  end: loose("Fin de l'extrait"),
} as const;

export type Section = keyof typeof SECTION_HEADINGS | 'header';

/** The label a folded row starts with, and where its value begins; the most specific label wins. */
export function matchLabel(folded: string): { label: FieldLabel; valueStart: number } | undefined {
  let best: { label: FieldLabel; valueStart: number } | undefined;
  for (const [label, re] of Object.entries(FIELD_LABELS) as [FieldLabel, RegExp][]) {
    const m = re.exec(folded);
    if (m && (!best || m[0].length > best.valueStart)) best = { label, valueStart: m[0].length };
  }
  return best;
}

/** The section a folded row opens, if it is a heading. */
export function matchSection(folded: string): Section | undefined {
  for (const [section, re] of Object.entries(SECTION_HEADINGS) as [Section, RegExp][]) {
    if (re.test(folded)) return section;
  }
  return undefined;
}
