import { MAKES } from '../domain/makes.ts';
import { vinCheckDigit } from '../domain/vin.ts';
import type { Random } from './random.ts';

/** What a generated certificate says: the printed value of every code, and the expected reading. */
export interface CertificateTruth {
  /** Printed values by code (main part). */
  fields: Record<string, string>;
  /** The detachable coupon's plate (the same as A unless a test wants them to differ). */
  couponPlate: string;
  normalized: { plate: string; vin: string; make: string; model: string; firstRegistrationDate: string; holderName: string };
}

const SURNAMES = ['MARTIN', 'BERNARD', 'DUBOIS', 'THOMAS', 'ROBERT', 'RICHARD', 'PETIT', 'DURAND', 'LEROY', 'MOREAU', 'SIMON', 'LAURENT', 'LEFEBVRE', 'MICHEL', 'GARCIA', 'DAVID', 'BERTRAND', 'ROUX', 'VINCENT', 'FOURNIER', 'MOREL', 'GIRARD', 'ANDRE', 'MERCIER', 'DUPONT', 'LAMBERT', 'BONNET', 'FRANCOIS', 'MARTINEZ', 'LEGRAND', 'GAUTHIER', 'PERRIN', 'NGUYEN', 'BENOIT', 'CHEVALIER'];
const GIVEN = ['CAMILLE', 'LEA', 'MANON', 'CHLOE', 'EMMA', 'INES', 'SARAH', 'JULIE', 'LUCAS', 'HUGO', 'THOMAS', 'NICOLAS', 'JULIEN', 'ANTOINE', 'MAXIME', 'PIERRE', 'NATHALIE', 'ISABELLE', 'SYLVIE', 'PHILIPPE', 'OLIVIER', 'KARIM', 'YASMINE', 'MEHDI', 'ELODIE', 'SOPHIE', 'MARIE', 'JEAN', 'PAUL', 'LOUISE'];
const STREETS = ['RUE DES LILAS', 'AVENUE JEAN JAURES', 'BOULEVARD VOLTAIRE', 'RUE DE LA REPUBLIQUE', 'CHEMIN DES VIGNES', 'RUE VICTOR HUGO', 'IMPASSE DES ROSES', 'PLACE DU MARCHE', 'RUE PASTEUR', 'ALLEE DES CHENES'];
const CITIES = [['69003', 'LYON'], ['75011', 'PARIS'], ['13008', 'MARSEILLE'], ['31000', 'TOULOUSE'], ['33000', 'BORDEAUX'], ['44000', 'NANTES'], ['59000', 'LILLE'], ['67000', 'STRASBOURG'], ['35000', 'RENNES'], ['21000', 'DIJON'], ['38000', 'GRENOBLE'], ['06000', 'NICE']] as const;
const SIV_LETTERS = 'ABCDEFGHJKLMNPQRSTVWXYZ';
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789'; // model-year codes from 2010 (A) on, cycling every 30 years

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const frDate = (y: number, m: number, d: number) => `${pad(d)}/${pad(m)}/${y}`;
const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function sivPlate(random: Random): string {
  for (;;) {
    const letters = () => `${random.pick([...SIV_LETTERS])}${random.pick([...SIV_LETTERS])}`;
    const [a, b] = [letters(), letters()];
    const n = pad(random.int(1, 999), 3);
    if (a !== 'SS' && a !== 'WW' && b !== 'SS') return `${a}-${n}-${b}`;
  }
}

function fniPlate(random: Random): string {
  const letters = Array.from({ length: random.int(2, 3) }, () => random.pick([...'ABCDEFGHJKLMNPRSTVWXYZ'])).join('');
  return `${random.int(1, 9999)} ${letters} ${random.pick(['75', '69', '13', '33', '59', '2A', '44', '06', '92', '93'])}`;
}

/** A VIN whose WMI agrees with the make; North American WMIs get a valid check digit. */
export function vinFor(random: Random, wmi: string, year: number): string {
  const chars = (n: number) => Array.from({ length: n }, () => random.pick([...VIN_CHARS])).join('');
  const yearCode = YEAR_CODES[(year - 2010 + 30 * 3) % 30] ?? 'A';
  const serial = Array.from({ length: 6 }, () => random.int(0, 9)).join('');
  const draft = `${wmi}${chars(5)}0${yearCode}${chars(1)}${serial}`;
  return /^[1-5]/.test(wmi) ? `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}` : `${draft.slice(0, 8)}${random.pick([...VIN_CHARS])}${draft.slice(9)}`;
}

/** A realistic certificate: make, model and VIN agree; dates are in order. */
export function generateCertificate(random: Random): CertificateTruth {
  const entry = random.pick(MAKES);
  const model = random.pick(entry.models);
  const year = random.int(1998, 2025);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const plate = year < 2009 && random.chance(0.25) ? fniPlate(random) : sivPlate(random);
  const issueYear = random.int(Math.max(year, 2009), 2026);
  const issue = { y: issueYear, m: issueYear === year ? Math.min(12, month + random.int(0, 12 - month)) : random.int(1, 12), d: random.int(1, 28) };
  if (issue.y === year && issue.m === month && issue.d < day) issue.d = day;
  const vin = vinFor(random, random.pick(entry.wmis), year);
  const surname = random.pick(SURNAMES);
  const given = random.pick(GIVEN);
  const holderName = random.chance(0.3) ? `${surname} ${given} ${random.pick(GIVEN)}` : `${surname} ${given}`;
  const [postcode, city] = random.pick(CITIES);
  const electric = entry.make === 'TESLA' || model === 'ZOE' || model === 'SPRING' || model === 'ID.3' || model === 'LEAF' || model === 'ENYAQ' || model === 'E-TRON';
  const fuel = electric ? 'EL' : random.pick(['ES', 'GO', 'ES', 'GO', 'EH', 'EE']);
  const mass = random.int(95, 200) * 10;
  const fields: Record<string, string> = {
    A: plate,
    B: frDate(year, month, day),
    I: frDate(issue.y, issue.m, issue.d),
    'C.1': holderName,
    'C.4a': 'EST LE PROPRIETAIRE DU VEHICULE',
    'C.3': `${random.int(1, 180)} ${random.pick(STREETS)} ${postcode} ${city}`,
    'D.1': entry.make,
    'D.2': Array.from({ length: random.int(6, 9) }, () => random.pick([...'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'])).join(''),
    'D.2.1': `M10${entry.make.slice(0, 3)}VP${Array.from({ length: 7 }, () => random.pick([...'0123456789ABCDEFGH'])).join('')}`,
    'D.3': model,
    E: vin,
    'F.1': String(mass + random.int(35, 60) * 10),
    'F.2': String(mass + random.int(35, 60) * 10),
    G: String(mass + 75),
    'G.1': String(mass),
    J: 'M1',
    'J.1': 'VP',
    'J.2': random.pick(['AA', 'AB', 'AC', 'AF']),
    'J.3': random.pick(['CI', 'BREAK', 'CI', 'COUPE']),
    K: `e${random.int(1, 13)}*${random.pick(['2007/46', '2001/116', '2018/858'])}*${pad(random.int(1, 9999), 4)}*${pad(random.int(0, 40))}`,
    'P.1': electric ? '' : String(random.pick([999, 1199, 1332, 1461, 1499, 1598, 1969, 1995])),
    'P.2': String(random.int(45, 180)),
    'P.3': fuel,
    'P.6': String(random.int(3, 12)),
    'S.1': String(random.pick([2, 4, 5, 5, 5, 7])),
    'V.7': electric ? '0' : String(random.int(85, 190)),
    'V.9': random.pick(['715/2007*692/2008EURO6', '715/2007*2018/1832EURO6', '98/69B', '2001/100B', '715/2007*566/2011EURO5']),
    'X.1': random.chance(0.5) ? frDate(Math.min(2026, issue.y + 2), random.int(1, 12), random.int(1, 28)) : '',
  };
  return {
    fields,
    couponPlate: plate,
    normalized: { plate, vin, make: entry.make, model, firstRegistrationDate: isoDate(year, month, day), holderName },
  };
}
