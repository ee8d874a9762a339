import { formatFrenchDate } from '../domain/french-date.ts';
import type { KbisFields } from '../domain/kbis-fields.ts';

/** A Kbis to print: its fields and the printing choices a greffe makes. */
export interface KbisDocumentSpec {
  fields: KbisFields;
  /** "12/03/2026" or "12 mars 2026" for the "à jour au" date. */
  currentToStyle: 'numeric' | 'written';
  /** "812 345 674" (Infogreffe) or "812345674" (some greffes). */
  sirenGrouped: boolean;
  /** The greffe's management number, e.g. "2015 B 01234". */
  managementNumber: string;
  /** Birth line of each manager that is a person (printed, never parsed). */
  managerDetails: { birth: string; nationality: string; home: string }[];
}

/** One printed row: a heading, a label with its value, or free text. */
export type LayoutRow =
  | { kind: 'title' | 'heading' | 'text' | 'small' | 'role'; text: string }
  | { kind: 'field'; label: string; value: string };

function sirenText(siren: string, grouped: boolean): string {
  return grouped ? `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}` : siren;
}

/** "10 000,00 Euros" as a greffe writes a share capital. */
export function formatCapital(euros: number): string {
  const [units, cents] = euros.toFixed(2).split('.') as [string, string];
  return `${units.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${cents} Euros`;
}

/** The rows of an extract, in the order and sections of an Infogreffe Kbis. */
export function kbisRows(spec: KbisDocumentSpec): LayoutRow[] {
  const f = spec.fields;
  const rows: LayoutRow[] = [
    { kind: 'small', text: `Greffe du tribunal de commerce de ${f.rcsCity ?? ''}` },
    ...(f.verificationCode ? [{ kind: 'field' as const, label: 'Code de vérification :', value: f.verificationCode }] : []),
    { kind: 'small', text: 'https://www.infogreffe.fr/controle' },
    { kind: 'field', label: 'N° de gestion', value: spec.managementNumber },
    { kind: 'title', text: 'Extrait Kbis' },
    { kind: 'text', text: "EXTRAIT D'IMMATRICULATION PRINCIPALE AU REGISTRE DU COMMERCE ET DES SOCIETES" },
    { kind: 'text', text: `à jour au ${f.currentTo ? formatFrenchDate(f.currentTo, spec.currentToStyle) : ''}` },
    { kind: 'heading', text: 'IDENTIFICATION DE LA PERSONNE MORALE' },
    { kind: 'field', label: 'Immatriculation au RCS, numéro', value: `${sirenText(f.siren ?? '', spec.sirenGrouped)} R.C.S. ${f.rcsCity ?? ''}` },
    { kind: 'field', label: "Date d'immatriculation", value: f.registrationDate ? formatFrenchDate(f.registrationDate, 'numeric') : '' },
    { kind: 'field', label: 'Dénomination ou raison sociale', value: f.companyName ?? '' },
    { kind: 'field', label: 'Forme juridique', value: f.legalForm ?? '' },
    { kind: 'field', label: 'Capital social', value: f.shareCapital === null ? '' : formatCapital(f.shareCapital) },
    { kind: 'field', label: 'Adresse du siège', value: f.address ?? '' },
    { kind: 'field', label: 'Durée de la personne morale', value: "Jusqu'au 31/12/2114" },
    { kind: 'field', label: "Date de clôture de l'exercice social", value: '31 décembre' },
    { kind: 'heading', text: 'GESTION, DIRECTION, ADMINISTRATION, CONTRÔLE, ASSOCIÉS OU MEMBRES' },
  ];
  f.managers.forEach((m, i) => {
    rows.push({ kind: 'role', text: m.role }, { kind: 'field', label: 'Nom, prénoms', value: m.name });
    const d = spec.managerDetails[i];
    if (d) {
      rows.push(
        { kind: 'field', label: 'Date et lieu de naissance', value: d.birth },
        { kind: 'field', label: 'Nationalité', value: d.nationality },
        { kind: 'field', label: 'Domicile personnel', value: d.home },
      );
    }
  });
  rows.push(
    { kind: 'heading', text: "RENSEIGNEMENTS RELATIFS A L'ACTIVITE ET A L'ETABLISSEMENT PRINCIPAL" },
    { kind: 'field', label: "Adresse de l'établissement", value: f.address ?? '' },
    { kind: 'field', label: 'Activité(s) exercée(s)', value: f.activity ?? '' },
    { kind: 'field', label: "Date de commencement d'activité", value: f.registrationDate ? formatFrenchDate(f.registrationDate, 'numeric') : '' },
    { kind: 'field', label: "Origine du fonds ou de l'activité", value: 'Création' },
    { kind: 'field', label: "Mode d'exploitation", value: 'Exploitation directe' },
    { kind: 'text', text: 'Le Greffier' },
    { kind: 'heading', text: "FIN DE L'EXTRAIT" },
  );
  return rows;
}

/** Splits `text` into pieces of at most `width` characters at spaces (a word longer than that stays whole). */
export function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.length ? out : [''];
}

/** The rows as a text layer reads them: label and value on one row, long values wrapped onto the next rows. */
export function layoutAsText(rows: readonly LayoutRow[], valueWidth = 60): string[] {
  const out: string[] = [];
  for (const r of rows) {
    if (r.kind !== 'field') {
      out.push(r.text);
      continue;
    }
    const [first, ...rest] = wrapWords(r.value, valueWidth);
    out.push(`${r.label} ${first}`, ...rest);
  }
  return out;
}
