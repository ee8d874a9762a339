import type { ServiceCode } from '../../../../src/modules/nlp/analysis/service-catalogue.ts';
import type { Analysis } from './api.ts';

// Planning's service codes, as its slot page offers them (web/src/features/planning/,
// `SERVICE_CODES`): each NLP service goes to the one a garage lists it under.
const PLANNING_SERVICE: Partial<Record<ServiceCode, string>> = {
  OIL_SERVICE: 'vidange',
  FULL_SERVICE: 'vidange',
  TIMING_BELT: 'distribution',
  BRAKE_INSPECTION: 'freins',
  BRAKE_PADS: 'freins',
  BRAKE_DISCS_PADS: 'freins',
  BRAKE_FLUID: 'freins',
  TYRE_REPAIR: 'pneus',
  TYRE_FITTING: 'pneus',
  WHEEL_ALIGNMENT: 'pneus',
  AC_SERVICE: 'climatisation',
  HEATING_REPAIR: 'climatisation',
};

/**
 * Where booking goes on: planning's slot page with the analysis attached (its id, its urgency)
 * and the first service to book that is not towing; what planning has no code for is a diagnosis.
 */
export function bookingLink(analysis: Analysis, vehicleId: string | null): string {
  const first = analysis.suggestedServices.find((s) => s.code !== 'TOWING') ?? analysis.suggestedServices[0];
  const query = new URLSearchParams({
    analysisId: analysis.id,
    urgency: analysis.urgency,
    service: (first && PLANNING_SERVICE[first.code]) ?? 'diagnostic',
  });
  if (vehicleId) query.set('vehicleId', vehicleId);
  return `/planning?${query.toString()}`;
}
