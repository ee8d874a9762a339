import { FR_POWERTRAIN_SYMPTOMS } from './symptoms-fr-powertrain.ts';
import { FR_CHASSIS_SYMPTOMS } from './symptoms-fr-chassis.ts';
import { FR_ELECTRICS_COMFORT_SYMPTOMS } from './symptoms-fr-electrics-comfort.ts';
import { FR_FUEL_EXHAUST_BODY_SERVICE_SYMPTOMS } from './symptoms-fr-fuel-exhaust-body-service.ts';
import type { SymptomGroup } from './symptom-phrases.ts';

/**
 * French problem descriptions as owners write them (slang, approximations included). Each phrase
 * is one template family of the corpus: its variants all land on the same side of the split.
 *
 * Split by theme; the order of the groups is the corpus's order (keep it: the corpus and the
 * model are rebuilt byte for byte from it).
 */
export const FR_SYMPTOMS: readonly SymptomGroup[] = [
  ...FR_POWERTRAIN_SYMPTOMS,
  ...FR_CHASSIS_SYMPTOMS,
  ...FR_ELECTRICS_COMFORT_SYMPTOMS,
  ...FR_FUEL_EXHAUST_BODY_SERVICE_SYMPTOMS,
];
