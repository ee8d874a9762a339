import type { ReadText } from '../tokenise.ts';
import { extractComponents, type Component } from './components.ts';
import { extractDtcCodes } from './dtc-codes.ts';
import { extractMileageKm } from './mileage.ts';
import { extractVehicleNames } from './vehicle-names.ts';
import { extractWarningLights, type WarningLight } from './warning-lights.ts';

/** What a description states about the vehicle and the fault. */
export interface ProblemEntities {
  /** OBD-II fault codes, upper case ("P0301"). */
  dtcCodes: string[];
  /** Odometer in kilometres, or null. */
  mileageKm: number | null;
  /** Warning lights reported on (denied ones excluded). */
  warningLights: WarningLight[];
  make: string | null;
  model: string | null;
  year: number | null;
  /** Components mentioned (denied ones excluded). */
  components: Component[];
}

/**
 * Extracts the entities of a description from its folded text (codes, mileage, vehicle names:
 * spelling fixes would damage them) and its read form (lights and components, which need
 * negation).
 */
export function extractEntities(folded: string, read: ReadText): ProblemEntities {
  return {
    dtcCodes: extractDtcCodes(folded),
    mileageKm: extractMileageKm(folded),
    warningLights: extractWarningLights(read),
    ...extractVehicleNames(folded),
    components: extractComponents(read),
  };
}
