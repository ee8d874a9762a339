import { badRequest } from '../../../platform/errors.ts';
import type { TextModel } from '../model/text-model.ts';
import { extractEntities, type ProblemEntities } from './entities/extract-entities.ts';
import { makeFromVin } from './entities/vehicle-names.ts';
import { explain } from './explanation.ts';
import { detectLanguage } from './language.ts';
import { foldText } from './normalise.ts';
import { safetyFindings } from './safety-rules.ts';
import { suggestServices, type SuggestedService } from './suggest-services.ts';
import { CATEGORIES, maxUrgency, URGENCIES, type Category, type Language, type Urgency } from './taxonomy.ts';
import { readText } from './tokenise.ts';

/** The longest description accepted, in characters. */
export const MAX_TEXT_LENGTH = 5000;
// A model this sure of "critical" is never answered below "high", whatever its top class.
const CRITICAL_FLOOR_PROBABILITY = 0.25;

/** The vehicle the owner chose, if any: by VIN, or by make, model and year. */
export interface VehicleContext {
  vin?: string;
  make?: string;
  model?: string;
  year?: number;
}

/** What the analysis understood of a description. */
export interface ProblemAnalysis {
  language: Language;
  category: Category;
  categoryScores: Record<Category, number>;
  urgency: Urgency;
  entities: ProblemEntities;
  suggestedServices: SuggestedService[];
  explanation: string;
}

const argmax = <K extends string>(keys: readonly K[], scores: Record<K, number>): K =>
  keys.reduce((best, k) => (scores[k] > scores[best] ? k : best), keys[0]!);

function withVehicle(entities: ProblemEntities, vehicle: VehicleContext | undefined): ProblemEntities {
  if (!vehicle) return entities;
  // What the text says wins; the chosen vehicle fills what it does not say.
  const chosenMake = vehicle.make ?? (vehicle.vin ? makeFromVin(vehicle.vin) : null);
  const sameVehicle = entities.make === null || (chosenMake !== null && foldText(entities.make) === foldText(chosenMake));
  const make = entities.make ?? chosenMake;
  return {
    ...entities,
    make,
    model: entities.model ?? (sameVehicle ? (vehicle.model ?? null) : null),
    year: entities.year ?? (sameVehicle ? (vehicle.year ?? null) : null),
  };
}

/**
 * Understands an owner's description of a vehicle problem (French or English): its category,
 * how urgent it is, the entities it states and what to book. The model scores category and
 * urgency; safety rules then raise the urgency where a danger is stated and not denied (brake
 * failure, smoke from the engine bay, red oil light...), so a critical case is never answered
 * below what the rules impose.
 *
 * @throws AppError 400 `TEXT_EMPTY` or `TEXT_TOO_LONG` (over {@link MAX_TEXT_LENGTH} characters).
 * @example
 * const analysis = await analyzeProblem('grinding noise when braking, 120k km', {}, model);
 * analysis.category; // 'brakes'
 * analysis.urgency; // 'high'
 */
export async function analyzeProblem(text: string, options: { locale?: string; vehicle?: VehicleContext }, model: TextModel): Promise<ProblemAnalysis> {
  if (text.trim().length === 0) throw badRequest('TEXT_EMPTY', 'Describe the problem: the text is empty.');
  // Characters as people count them (code points): an emoji is one, not two UTF-16 units.
  const length = [...text].length;
  if (length > MAX_TEXT_LENGTH) {
    throw badRequest('TEXT_TOO_LONG', `The description has ${length} characters; at most ${MAX_TEXT_LENGTH} are accepted.`, {
      maxLength: MAX_TEXT_LENGTH,
    });
  }
  const read = readText(text);
  const language = detectLanguage(read.tokens, options.locale);
  const found = extractEntities(foldText(text), read);
  const findings = safetyFindings(read, found);
  const entities = withVehicle(found, options.vehicle);
  const prediction = await model.predict(text);
  const category = argmax(CATEGORIES, prediction.categoryScores);
  let urgency = argmax(URGENCIES, prediction.urgencyScores);
  if (prediction.urgencyScores.critical >= CRITICAL_FLOOR_PROBABILITY) urgency = maxUrgency(urgency, 'high');
  for (const finding of findings) urgency = maxUrgency(urgency, finding.urgency);
  return {
    language,
    category,
    categoryScores: prediction.categoryScores,
    urgency,
    entities,
    suggestedServices: suggestServices(category, urgency, entities, read, language),
    explanation: explain({ language, category, confidence: prediction.categoryScores[category], urgency, findings, entities }),
  };
}
