import { luhnValid } from '../../../platform/validation/siren.ts';
import type { KbisFields, Manager } from '../domain/kbis-fields.ts';
import type { KbisDocumentSpec } from './kbis-layout.ts';
import type { SeededRandom } from './seeded-random.ts';

const TRADES = ['Garage', 'Auto', 'Carrosserie', 'Mécanique', 'Atelier', 'Pneus', 'Auto Services', 'Reprog', 'Méca', 'Diag Auto'];
const NAMES = ['du Centre', 'Dupont', "de l'Étoile", 'des Alpes', 'Martin & Fils', 'Saint-Exupéry', 'Lumière', 'Rhône Motors', 'Océane', 'Les Tilleuls', 'Moreau', 'Émeraude', 'du Pont-Neuf', 'Grand Est', 'Côte Sud'];
const FORMS: readonly { name: string; abbr: string }[] = [
  { name: 'Société à responsabilité limitée', abbr: 'SARL' },
  { name: 'Société par actions simplifiée', abbr: 'SAS' },
  { name: 'Société par actions simplifiée unipersonnelle', abbr: 'SASU' },
  { name: 'Entreprise unipersonnelle à responsabilité limitée', abbr: 'EURL' },
  { name: 'Société anonyme', abbr: 'SA' },
];
const CITIES = ['Lyon', 'Paris', 'Marseille', 'Toulouse', 'Bordeaux', 'Lille', 'Nantes', 'Strasbourg', 'Grenoble', 'Rennes', 'Saint-Étienne', 'Aix-en-Provence'];
const POSTCODES: Record<string, string> = { Lyon: '69002', Paris: '75011', Marseille: '13008', Toulouse: '31000', Bordeaux: '33000', Lille: '59000', Nantes: '44000', Strasbourg: '67000', Grenoble: '38000', Rennes: '35000', 'Saint-Étienne': '42000', 'Aix-en-Provence': '13100' };
const STREETS = ['rue de la République', 'avenue Jean Jaurès', 'boulevard Voltaire', 'rue Victor Hugo', 'chemin des Vignes', "route d'Italie", 'impasse des Lilas', 'zone artisanale des Portes du Sud', 'rue du Général de Gaulle'];
const SURNAMES = ['DUPONT', 'MARTIN', 'BERNARD', 'LEFÈVRE', 'MOREAU', 'GIRARD', 'ROUSSEAU', 'FONTAINE', 'CHEVALIER', 'N\'DIAYE', 'BENOÎT', 'MÜLLER'];
const GIVEN = ['Jean', 'Marie', 'Camille', 'Hélène', 'Karim', 'Sophie', 'Jérôme', 'Thomas', 'Inès', 'François', 'Léa', 'Mathieu'];
const ROLES_BY_FORM: Record<string, readonly string[]> = {
  SARL: ['Gérant', 'Co-gérant'],
  EURL: ['Gérant'],
  SAS: ['Président', 'Directeur général'],
  SASU: ['Président'],
  SA: ['Président du conseil d\'administration', 'Directeur général', 'Administrateur'],
};
/** Automotive activities (NAF 45.xx) as greffes describe them, with their code. */
export const AUTOMOTIVE_ACTIVITIES: readonly { text: string; naf: string }[] = [
  { text: 'Entretien et réparation de véhicules automobiles légers', naf: '45.20A' },
  { text: 'Commerce de voitures et de véhicules automobiles légers, achat, vente, dépôt-vente', naf: '45.11Z' },
  { text: 'Carrosserie, peinture, entretien et réparation de véhicules automobiles', naf: '45.20A' },
  { text: "Commerce de détail d'équipements automobiles, pneumatiques, montage et équilibrage", naf: '45.32Z' },
  { text: 'Entretien et réparation d\'autres véhicules automobiles, poids lourds et utilitaires', naf: '45.20B' },
  { text: 'Reprogrammation moteur, diagnostic électronique et préparation de véhicules', naf: '45.20A' },
];
/** Activities outside the automotive trades, with their code. */
export const OTHER_ACTIVITIES: readonly { text: string; naf: string }[] = [
  { text: 'Restauration traditionnelle, vente de plats à emporter', naf: '56.10A' },
  { text: 'Conseil en systèmes et logiciels informatiques', naf: '62.02A' },
  { text: 'Coiffure, soins de beauté', naf: '96.02A' },
  { text: 'Boulangerie et boulangerie-pâtisserie', naf: '10.71C' },
];

/** A random valid SIREN (never La Poste's). */
export function randomSiren(rng: SeededRandom): string {
  for (;;) {
    const body = String(rng.int(1, 9)) + String(rng.int(0, 9_999_999)).padStart(7, '0');
    for (let d = 0; d <= 9; d++) if (luhnValid(body + d) && body + d !== '356000000') return body + d;
  }
}

/** A random SIREN whose check digit is wrong. */
export function invalidSiren(rng: SeededRandom): string {
  const valid = randomSiren(rng);
  const last = (Number(valid[8]) + rng.int(1, 9)) % 10;
  return valid.slice(0, 8) + last;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A company as the registry and its Kbis describe it, plus its NAF code. */
export interface SampleCompany {
  spec: KbisDocumentSpec;
  naf: string;
  /** The legal form's abbreviation, which pros often add to the name they declare. */
  formAbbr: string;
}

function isoDaysBefore(at: Date, days: number): string {
  return new Date(at.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/** A plausible automotive company and its extract, issued `ageDays` before `at`. */
export function sampleCompany(rng: SeededRandom, at: Date, ageDays: number, options: { automotive?: boolean } = {}): SampleCompany {
  const form = rng.pick(FORMS);
  const city = rng.pick(CITIES);
  const activity = rng.pick(options.automotive === false ? OTHER_ACTIVITIES : AUTOMOTIVE_ACTIVITIES);
  const roles = ROLES_BY_FORM[form.abbr]!;
  const managers: Manager[] = Array.from({ length: rng.int(1, Math.min(2, roles.length)) }, (_, i) => ({
    role: roles[i]!,
    name: `${rng.pick(SURNAMES)} ${rng.pick(GIVEN)}${rng.chance(0.3) ? ` ${rng.pick(GIVEN)}` : ''}`,
  }));
  const code = Array.from({ length: 10 }, () => rng.pick([...CODE_ALPHABET])).join('');
  const registered = isoDaysBefore(at, rng.int(400, 12_000));
  const fields: KbisFields = {
    siren: randomSiren(rng),
    rcsCity: city,
    companyName: `${rng.pick(TRADES)} ${rng.pick(NAMES)}`.toUpperCase(),
    legalForm: form.name,
    shareCapital: rng.pick([1000, 5000, 7622.45, 10000, 15000, 37000, 100000, 250000]),
    registrationDate: registered,
    currentTo: isoDaysBefore(at, ageDays),
    address: `${rng.int(1, 180)} ${rng.pick(STREETS)} ${POSTCODES[city]} ${city}`,
    managers,
    activity: activity.text,
    verificationCode: code,
  };
  const spec: KbisDocumentSpec = {
    fields,
    currentToStyle: rng.chance(0.5) ? 'written' : 'numeric',
    sirenGrouped: rng.chance(0.8),
    managementNumber: `${registered.slice(0, 4)} B ${String(rng.int(1, 99_999)).padStart(5, '0')}`,
    managerDetails: managers.map(() => ({ birth: `Le ${rng.int(10, 28)}/0${rng.int(1, 9)}/19${rng.int(50, 99)} à ${rng.pick(CITIES)}`, nationality: 'Française', home: `${rng.int(1, 99)} ${rng.pick(STREETS)} ${rng.pick(CITIES)}` })),
  };
  return { spec, naf: activity.naf, formAbbr: form.abbr };
}
