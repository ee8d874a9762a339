import type { ProblemEntities } from './entities/extract-entities.ts';
import type { WarningLight } from './entities/warning-lights.ts';
import type { SafetyFinding } from './safety-rules.ts';
import { CATEGORY_LABELS, URGENCY_MEANINGS, type Category, type Language, type Urgency } from './taxonomy.ts';

const LIGHT_LABELS: Record<Language, Record<WarningLight, string>> = {
  fr: {
    check_engine: 'voyant moteur',
    oil_pressure: 'voyant de pression d’huile',
    coolant_temperature: 'voyant de température',
    battery: 'voyant de batterie',
    brake_system: 'voyant de freinage',
    abs: 'voyant ABS',
    airbag: 'voyant airbag',
    tyre_pressure: 'voyant de pression des pneus',
    glow_plug: 'voyant de préchauffage',
    dpf: 'voyant FAP',
    power_steering: 'voyant de direction assistée',
    esp: 'voyant ESP',
    service: 'voyant d’entretien',
    adblue: 'voyant AdBlue',
  },
  en: {
    check_engine: 'engine light',
    oil_pressure: 'oil-pressure light',
    coolant_temperature: 'coolant temperature light',
    battery: 'battery light',
    brake_system: 'brake warning light',
    abs: 'ABS light',
    airbag: 'airbag light',
    tyre_pressure: 'tyre pressure light',
    glow_plug: 'glow-plug light',
    dpf: 'DPF light',
    power_steering: 'power steering light',
    esp: 'ESP light',
    service: 'service light',
    adblue: 'AdBlue light',
  },
};

const WORDS = {
  fr: { problem: 'Problème', probability: 'probabilité', urgency: 'Urgence', because: 'règle de sécurité', found: 'Relevé', code: 'code', codes: 'codes' },
  en: { problem: 'Problem', probability: 'probability', urgency: 'Urgency', because: 'safety rule', found: 'Found', code: 'code', codes: 'codes' },
} as const;

/** The analysis in plain words, in the analysis language. */
export function explain(input: {
  language: Language;
  category: Category;
  confidence: number;
  urgency: Urgency;
  findings: readonly SafetyFinding[];
  entities: ProblemEntities;
}): string {
  const { language, entities } = input;
  const w = WORDS[language];
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  const percent = new Intl.NumberFormat(locale, { style: 'percent' }).format(input.confidence);
  const parts = [`${w.problem} : ${CATEGORY_LABELS[language][input.category]} (${w.probability} ${percent}).`];
  const reasons = input.findings.filter((f) => f.urgency === input.urgency).map((f) => f.reason[language]);
  const meaning = URGENCY_MEANINGS[language][input.urgency];
  parts.push(`${w.urgency} ${meaning}${reasons.length > 0 ? ` (${w.because} : ${reasons.join(', ')})` : ''}.`);
  const found: string[] = [];
  if (entities.dtcCodes.length > 0) found.push(`${entities.dtcCodes.length > 1 ? w.codes : w.code} ${entities.dtcCodes.join(', ')}`);
  if (entities.mileageKm !== null) found.push(`${new Intl.NumberFormat(locale).format(entities.mileageKm)} km`);
  for (const light of entities.warningLights) found.push(LIGHT_LABELS[language][light]);
  const vehicle = [entities.make, entities.model].filter(Boolean).join(' ');
  if (vehicle) found.push(entities.year ? `${vehicle} (${entities.year})` : vehicle);
  if (found.length > 0) parts.push(`${w.found} : ${found.join(' ; ')}.`);
  const text = parts.join(' ');
  // English puts no space before a colon.
  return language === 'en' ? text.replace(/ :/g, ':') : text;
}
