import { affirms } from './affirmed-matches.ts';
import type { ProblemEntities } from './entities/extract-entities.ts';
import { CATEGORY_SERVICES, COMPONENT_SERVICES, SERVICES, type ServiceCode } from './service-catalogue.ts';
import type { Category, Language, Urgency } from './taxonomy.ts';
import type { ReadText } from './tokenise.ts';

/** A service to book, labelled in the analysis language. */
export interface SuggestedService {
  code: ServiceCode;
  label: string;
  durationMin: number;
}

const MISFUELLING =
  /\b(?:essence dans (?:mon|le|un|ma) diesel|gasoil dans (?:une|ma|mon) (?:voiture )?essence|erreur de carburant|petrol in (?:my|a|the) diesel|diesel in (?:my|a|the) petrol|misfuel\w*|wrong fuel|diesel instead of petrol|petrol instead of diesel|essence au lieu du (?:diesel|gasoil))\b/g;
const MAX_SERVICES = 4;

/**
 * What to book for a problem: towing first when the car must not be driven, a diagnostic scan
 * when a code or a warning light is reported, the services the mentioned parts call for (within
 * the problem's category), then the category's own service.
 */
export function suggestServices(category: Category, urgency: Urgency, entities: ProblemEntities, read: ReadText, language: Language): SuggestedService[] {
  const codes: ServiceCode[] = [];
  if (urgency === 'critical') codes.push('TOWING');
  if (category === 'fuel' && affirms(read, MISFUELLING)) codes.push('FUEL_DRAIN');
  if (entities.dtcCodes.length > 0 || entities.warningLights.length > 0) codes.push('OBD_DIAGNOSTIC');
  for (const component of entities.components) {
    const match = COMPONENT_SERVICES[component];
    if (match?.category === category) codes.push(match.service);
  }
  codes.push(CATEGORY_SERVICES[category]);
  return [...new Set(codes)].slice(0, MAX_SERVICES).map((code) => {
    const { label, durationMin } = SERVICES[code];
    return { code, label: label[language], durationMin };
  });
}
