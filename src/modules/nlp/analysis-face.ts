import { isUuid } from '../../platform/ids.ts';
import type { SqlExecutor } from '../../platform/ports/sql.ts';
import type { ProblemAnalysis, VehicleContext } from './analysis/analyze-problem.ts';
import type { Urgency } from './analysis/taxonomy.ts';
import { analysisStore } from './storage/analysis-store.ts';

/** An analysis as a booking carries it: what the owner wrote and what was understood. */
export interface BookedAnalysis extends ProblemAnalysis {
  id: string;
  text: string;
  vehicle: VehicleContext | null;
  createdAt: string;
}

/** What other modules (planning) read of the owners' analyses. */
export interface NlpAnalysisReader {
  /** The urgency of `ownerUserId`'s analysis, or undefined when it is not theirs or does not exist. */
  urgencyFor(analysisId: string, ownerUserId: string): Promise<Urgency | undefined>;
  /**
   * The whole analysis of `ownerUserId`, for a booking that refers to it (the caller has checked
   * who may see the booking; the garage is shown it through the booking).
   */
  forBooking(analysisId: string, ownerUserId: string): Promise<BookedAnalysis | undefined>;
}

/**
 * The NLP module's public face over the platform's database: planning reads an analysis's
 * urgency and suggested services through it, never through the table.
 *
 * @example
 * const urgency = await analysisReader(ctx.db).urgencyFor(analysisId, principal.userId); // 'high'
 */
export function analysisReader(db: SqlExecutor): NlpAnalysisReader {
  const forBooking = async (analysisId: string, ownerUserId: string): Promise<BookedAnalysis | undefined> => {
    if (!isUuid(analysisId) || !isUuid(ownerUserId)) return undefined;
    const found = await analysisStore.get(db, analysisId, ownerUserId);
    if (!found) return undefined;
    return { id: found.id, text: found.text, vehicle: found.vehicle, createdAt: found.createdAt.toISOString(), ...found.analysis };
  };
  return {
    forBooking,
    urgencyFor: async (analysisId, ownerUserId) => (await forBooking(analysisId, ownerUserId))?.urgency,
  };
}
