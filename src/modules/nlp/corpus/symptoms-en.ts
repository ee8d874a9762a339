import { EN_POWERTRAIN_SYMPTOMS } from './symptoms-en-powertrain.ts';
import { EN_CHASSIS_SYMPTOMS } from './symptoms-en-chassis.ts';
import { EN_ELECTRICS_COMFORT_SYMPTOMS } from './symptoms-en-electrics-comfort.ts';
import { EN_FUEL_EXHAUST_BODY_SERVICE_SYMPTOMS } from './symptoms-en-fuel-exhaust-body-service.ts';
import type { SymptomGroup } from './symptom-phrases.ts';

/**
 * English problem descriptions as owners write them (British and American spellings, slang).
 * Each phrase is one template family of the corpus.
 *
 * Split by theme; the order of the groups is the corpus's order (keep it: the corpus and the
 * model are rebuilt byte for byte from it).
 */
export const EN_SYMPTOMS: readonly SymptomGroup[] = [
  ...EN_POWERTRAIN_SYMPTOMS,
  ...EN_CHASSIS_SYMPTOMS,
  ...EN_ELECTRICS_COMFORT_SYMPTOMS,
  ...EN_FUEL_EXHAUST_BODY_SERVICE_SYMPTOMS,
];
