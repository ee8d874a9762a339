import { parseFrenchDate, FRENCH_DATE_PATTERN } from './french-date.ts';
import { EMPTY_FIELDS, type KbisFields, type Manager } from './kbis-fields.ts';
import { foldKeepingLength, matchLabel, matchSection, type FieldLabel, type Section } from './kbis-labels.ts';

const SPACES = /[\s\u00a0\u202f]+/g;
const clean = (s: string) => s.replace(SPACES, ' ').replace(/^[\s:|.]+/, '').trim();

// "812 345 674 R.C.S. Lyon", "812345674 RCS LYON": nine digits however grouped, then the greffe.
const RCS_NUMBER = /(\d(?:[\s.\u00a0\u202f]*\d){8})\s*R\s*\.?\s*C\s*\.?\s*S\s*\.?\s*(.*)$/iu;
const VERIFICATION_CODE = /^([A-Za-z0-9]{10})\b/;
const CURRENT_TO = new RegExp(`a\\s*jour\\s*au\\s*(${FRENCH_DATE_PATTERN})`, 'u');
const GREFFE = /greffe du tribunal de commerce (?:de |d'|du )?(.+)$/u;

/** Labels whose value may continue on the next rows (long names, addresses, activities). */
const WRAPPING: ReadonlySet<FieldLabel> = new Set(['companyName', 'denomination', 'address', 'activity', 'legalForm', 'personName']);

interface Row {
  text: string;
  folded: string;
}

// "10 000,00 Euros"; OCR may turn the comma into a point or the thousands space into a point or comma.
function parseAmount(value: string): number | null {
  const m = /\d[\d\s.,\u00a0\u202f]*/u.exec(value);
  if (!m) return null;
  const raw = m[0].trim();
  const decimals = /[.,](\d{2})$/.exec(raw);
  const units = (decimals ? raw.slice(0, -3) : raw).replace(/\D/g, '');
  if (units === '') return null;
  const n = Number(`${units}.${decimals?.[1] ?? '0'}`);
  return Number.isFinite(n) ? n : null;
}

function firstDate(value: string): string | null {
  const m = new RegExp(FRENCH_DATE_PATTERN, 'u').exec(value);
  return (m && parseFrenchDate(m[0])) ?? null;
}

/**
 * Reads the fields of a Kbis extract from its text, one string per printed row (label and value
 * on one row, as the page shows them). Never throws: what it cannot find stays null. Sections
 * matter: the first "Immatriculation au RCS" is the company's, a later one a corporate manager's.
 */
export function parseKbisText(rows: readonly string[]): KbisFields {
  const fields: KbisFields = { ...EMPTY_FIELDS, managers: [] };
  const lines: Row[] = rows.map((r) => r.replace(SPACES, ' ').trim()).filter(Boolean).map((text) => ({ text, folded: foldKeepingLength(text) }));
  let section: Section = 'header';
  let role: string | null = null;
  let open: { label: FieldLabel; append: (s: string) => void } | undefined;

  for (const { text, folded } of lines) {
    const heading = matchSection(folded);
    if (heading) {
      section = heading;
      open = undefined;
      role = null;
      continue;
    }
    if (section === 'end') break;
    const greffe = GREFFE.exec(folded);
    if (greffe && fields.rcsCity === null) fields.rcsCity = clean(text.slice(greffe.index + greffe[0].length - greffe[1]!.length));
    const current = CURRENT_TO.exec(folded);
    if (current && fields.currentTo === null) fields.currentTo = parseFrenchDate(text.slice(current.index + current[0].length - current[1]!.length, current.index + current[0].length)) ?? null;

    const label = matchLabel(folded);
    if (!label) {
      if (open && !current) open.append(clean(text));
      else if (section === 'management' && !current) role = clean(text);
      continue;
    }
    open = undefined;
    const value = clean(text.slice(label.valueStart));
    const keep = (set: (v: string) => void, get: () => string | null) => {
      set(value);
      if (WRAPPING.has(label.label)) open = { label: label.label, append: (more) => set(`${get()} ${more}`) };
    };
    if (label.label === 'verificationCode') {
      const code = VERIFICATION_CODE.exec(value.replace(/\s+/g, ''));
      if (code && fields.verificationCode === null) fields.verificationCode = code[1]!;
      continue;
    }
    if (section === 'management') {
      if (label.label === 'personName' || label.label === 'denomination' || label.label === 'companyName') {
        const manager: Manager = { name: value, role: role ?? '' };
        fields.managers.push(manager);
        keep((v) => (manager.name = v), () => manager.name);
      }
      continue;
    }
    if (section === 'establishment') {
      if (label.label === 'activity' && fields.activity === null) keep((v) => (fields.activity = v), () => fields.activity);
      continue;
    }
    switch (label.label) {
      case 'rcsNumber': {
        const m = RCS_NUMBER.exec(value);
        if (m && fields.siren === null) {
          fields.siren = m[1]!.replace(/\D/g, '');
          if (m[2]) fields.rcsCity = clean(m[2]);
        }
        break;
      }
      case 'registrationDate':
        fields.registrationDate ??= firstDate(value);
        break;
      case 'companyName':
      case 'denomination':
        if (fields.companyName === null) keep((v) => (fields.companyName = v), () => fields.companyName);
        break;
      case 'legalForm':
        if (fields.legalForm === null) keep((v) => (fields.legalForm = v), () => fields.legalForm);
        break;
      case 'shareCapital':
        fields.shareCapital ??= parseAmount(value);
        break;
      case 'address':
        if (fields.address === null) keep((v) => (fields.address = v), () => fields.address);
        break;
      default:
        break;
    }
  }
  return fields;
}
