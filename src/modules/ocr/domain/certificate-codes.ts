/**
 * The printed codes of the French registration certificate (SIV, arrêté du 9 février 2009,
 * after directive 1999/37/EC) that the reader knows, with what each holds.
 */
export const CERTIFICATE_CODES = {
  A: "numéro d'immatriculation",
  B: 'date de première immatriculation',
  'C.1': 'nom et prénom du titulaire',
  'C.3': 'adresse du titulaire',
  'C.4a': 'mention sur la propriété',
  'C.4.1': 'nombre de cotitulaires',
  'D.1': 'marque',
  'D.2': 'type, variante, version',
  'D.2.1': 'code national d’identification du type (CNIT)',
  'D.3': 'dénomination commerciale',
  E: "numéro d'identification du véhicule (VIN)",
  'F.1': 'masse en charge maximale techniquement admissible (kg)',
  'F.2': 'masse en charge maximale admissible en service (kg)',
  'F.3': "masse en charge maximale admissible de l'ensemble (kg)",
  G: 'masse du véhicule en service avec carrosserie (kg)',
  'G.1': 'poids à vide national (kg)',
  H: 'période de validité',
  I: "date de l'immatriculation à laquelle se réfère le certificat",
  J: 'catégorie du véhicule (CE)',
  'J.1': 'genre national',
  'J.2': 'carrosserie (CE)',
  'J.3': 'carrosserie (désignation nationale)',
  K: 'numéro de réception par type',
  'P.1': 'cylindrée (cm³)',
  'P.2': 'puissance nette maximale (kW)',
  'P.3': 'type de carburant ou source d’énergie',
  'P.6': 'puissance administrative nationale (CV)',
  Q: 'rapport puissance/masse (kW/kg)',
  'S.1': 'nombre de places assises',
  'S.2': 'nombre de places debout',
  'U.1': 'niveau sonore à l’arrêt (dB(A))',
  'U.2': 'vitesse du moteur (min-1)',
  'V.7': 'CO2 (g/km)',
  'V.9': 'classe environnementale de réception CE',
  'X.1': 'date de validité du contrôle technique',
  'Y.1': 'montant de la taxe régionale',
  'Z.1': 'mentions spécifiques',
} as const;

export type CertificateCode = keyof typeof CERTIFICATE_CODES;

// Glyphs OCR takes for one another on the small bold codes, each class with one representative.
const LOOKALIKE_CLASSES = ['I1lL|J)!ijT', 'O0DQoU', 'S5s$9', 'Z2z', 'B8', 'G6C(c', 'VvYy', 'A4', 'E€', 'Kk', 'Xx', 'Pp', 'Ff', 'Hh', 'Uu', 'Mm'];
const CLASS_OF = new Map<string, string>(LOOKALIKE_CLASSES.flatMap((chars) => [...chars].map((c) => [c, chars[0] ?? c] as const)));
const shape = (token: string) => [...token.replace(/[.,·:;'`-]/g, '')].map((c) => CLASS_OF.get(c) ?? c.toUpperCase()).join('');
const SHAPES: readonly [string, CertificateCode][] = (Object.keys(CERTIFICATE_CODES) as CertificateCode[]).map((code) => [shape(code), code]);

/**
 * Every code a word at the start of a cell may stand for, with a cost (0 for an exact reading,
 * 0.3 per lookalike glyph): "C.1" → C.1 (0) and G.1 (0.3); "FL" → F.1; ")" → I and J; "0.1" → D.1;
 * "v.7" → V.7. Dots may be lost. The reader lets the value's grammar choose between candidates.
 */
export function codeCandidates(word: string): { code: CertificateCode; cost: number }[] {
  const token = word.trim().replace(/[:;]$/, '');
  if (token.length === 0 || token.length > 7) return [];
  const target = shape(token);
  const bare = token.replace(/[.,·:;'`-]/g, '');
  return SHAPES.filter(([codeShape]) => codeShape === target).map(([, code]) => {
    const plain = code.replace(/\./g, '');
    let cost = 0;
    for (let i = 0; i < plain.length; i++) if (plain[i] !== bare[i]) cost += 0.3;
    return { code, cost: Math.round(cost * 10) / 10 };
  }).sort((a, b) => a.cost - b.cost);
}
