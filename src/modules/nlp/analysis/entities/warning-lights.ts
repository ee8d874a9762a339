import { affirms } from '../affirmed-matches.ts';
import type { ReadText } from '../tokenise.ts';

/** Canonical codes of dashboard warning lights. */
export const WARNING_LIGHTS = [
  'check_engine',
  'oil_pressure',
  'coolant_temperature',
  'battery',
  'brake_system',
  'abs',
  'airbag',
  'tyre_pressure',
  'glow_plug',
  'dpf',
  'power_steering',
  'esp',
  'service',
  'adblue',
] as const;

/** A dashboard warning light. */
export type WarningLight = (typeof WARNING_LIGHTS)[number];

// "voyant", "témoin" and their English names; patterns run on normalised text.
const V = '(?:voyant|temoin|lumiere|logo|symbole)s?(?: rouge| orange)?(?: d| de| du| de la| des)?';
const L = '(?:(?: warning| dash| dashboard)? (?:light|lamp|indicator|symbol|icon)s?| warning)';

const PATTERNS: Record<WarningLight, RegExp> = {
  check_engine: new RegExp(
    `\\b(?:${V} (?:moteur|gestion moteur|injection|anti ?pollution|depollution|defaut moteur|check)|check engine|engine(?: management| fault)?${L}|mil|cel)\\b`,
    'g',
  ),
  oil_pressure: new RegExp(
    `\\b(?:${V} (?:huile|pression d huile|pression huile|burette)|burette(?: rouge| d huile)?|oil(?: pressure| level| can)?${L})\\b`,
    'g',
  ),
  coolant_temperature: new RegExp(
    `\\b(?:${V} (?:temperature|temp|liquide de refroidissement|refroidissement|eau)|(?:coolant|temperature|temp|overheat|overheating)(?: temperature)?${L})\\b`,
    'g',
  ),
  battery: new RegExp(`\\b(?:${V} (?:batterie|charge|alternateur)|(?:battery|charging|alternator)${L})\\b`, 'g'),
  brake_system: new RegExp(
    `\\b(?:${V} (?:freins?|frein a main|liquide de frein)|brake (?:system |fluid )?(?:warning )(?:light|lamp|indicator)s?|brake system light)\\b`,
    'g',
  ),
  abs: new RegExp(`\\b(?:${V} abs|abs${L}|abs (?:est |is )?(?:allume|on))\\b`, 'g'),
  airbag: new RegExp(`\\b(?:${V} (?:airbag|coussin gonflable)|(?:airbag|srs)${L})\\b`, 'g'),
  tyre_pressure: new RegExp(
    `\\b(?:${V} (?:pression des pneus|pression pneus?|pneus?|sous gonflage|tpms)|(?:tyre|tire)(?: pressure)?${L}|tpms(?:${L})?)\\b`,
    'g',
  ),
  glow_plug: new RegExp(`\\b(?:${V} (?:prechauffage|bougies? de prechauffage|resistance|tire bouchon|ressort)|(?:glow plug|coil|pre ?heat)${L})\\b`, 'g'),
  dpf: new RegExp(`\\b(?:${V} (?:fap|filtre a particules)|(?:dpf|particulate filter)${L})\\b`, 'g'),
  power_steering: new RegExp(`\\b(?:${V} (?:direction assistee|direction)|(?:power steering|steering|eps)${L})\\b`, 'g'),
  esp: new RegExp(`\\b(?:${V} (?:esp|antipatinage|anti patinage|controle de stabilite)|(?:esp|traction control|stability control|traction)${L})\\b`, 'g'),
  service: new RegExp(`\\b(?:${V} (?:entretien|revision|vidange|cle|service)|(?:service|maintenance|spanner|oil change)(?: due)?${L})\\b`, 'g'),
  adblue: new RegExp(`\\b(?:${V} adblue|adblue${L})\\b`, 'g'),
};

/** The warning lights a description reports as on, denied ones left out ("sans voyant moteur"). */
export function extractWarningLights(read: ReadText): WarningLight[] {
  return WARNING_LIGHTS.filter((light) => affirms(read, PATTERNS[light]));
}
