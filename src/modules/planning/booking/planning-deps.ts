import type { Principal } from '../../../platform/auth/principal.ts';
import type { Clock } from '../../../platform/clock.ts';
import { notFound } from '../../../platform/errors.ts';
import type { TypedPublisher } from '../../../platform/module/events.ts';
import type { IdentityFace } from '../../../platform/module/identity-face.ts';
import type { ModuleContext } from '../../../platform/module/module.ts';
import type { ModuleScheduler } from '../../../platform/module/namespaced-ports.ts';
import type { UserNotifier } from '../../../platform/notifications/user-notifier.ts';
import type { SqlDatabase } from '../../../platform/ports/sql.ts';
import type { TimeSeriesStore } from '../../../platform/ports/time-series.ts';
import type { AnswerWindow } from '../deadlines/answer-deadline.ts';
import type { planningEvents } from '../events.ts';
import type { AppointmentStore } from '../store/appointment-store.ts';
import type { ProfileStore } from '../store/profile-store.ts';
import type { CandidateCache } from './candidate-cache.ts';
import type { Urgency } from '../urgency.ts';

/**
 * Where the urgency of an owner's NLP analysis comes from: the NLP module's face, given to
 * `createPlanningModule` by the runtime. Without it, urgency comes from the `urgency` query
 * parameter (else `medium`).
 */
export type AnalysisUrgencySource = (analysisId: string, ownerUserId: string) => Promise<Urgency | undefined>;

/** Everything the planning services share. */
export interface PlanningDeps {
  db: SqlDatabase;
  clock: Clock;
  ids: { newId(): string };
  scheduler: ModuleScheduler;
  notify: UserNotifier;
  events: TypedPublisher<typeof planningEvents>;
  timeseries: TimeSeriesStore;
  identity: Pick<IdentityFace, 'organisationVerification'>;
  profiles: ProfileStore;
  /** What slot search reads of nearby professionals, kept between searches. */
  candidates: CandidateCache;
  appointments: AppointmentStore;
  holdMinutes: number;
  /** How long an answer to a request or a proposal may take before the appointment expires. */
  answerWindow: AnswerWindow;
  workflows: Pick<ModuleContext['workflows'], 'start' | 'sendTaskSuccess'>;
  analysisUrgency?: AnalysisUrgencySource | undefined;
  /** The vehicles module's face, read when booking (undefined when vehicles are not kept here). */
  vehicles: () => PlanningVehicles | undefined;
}

/** What planning asks of the vehicles module: is this vehicle the caller's own? */
export interface PlanningVehicles {
  isVisibleTo(p: Principal, vehicleId: string): Promise<boolean>;
}

/** Series of the actual durations of completed jobs, dimensions `{proId, service, appointmentId}`, time the job's start. */
export const ACTUAL_DURATION_SERIES = 'planning.actual-duration';

/** The urgency a search or a booking is scored with: the one asked for, else the analysis's, else medium. */
export async function resolveUrgency(deps: PlanningDeps, asked: Urgency | undefined, analysisId: string | undefined, ownerUserId: string): Promise<Urgency> {
  if (asked) return asked;
  if (analysisId && deps.analysisUrgency) {
    // Someone else's analysis (or none) is refused: a booking carries only the owner's own.
    const urgency = await deps.analysisUrgency(analysisId, ownerUserId);
    if (urgency === undefined) throw notFound('ANALYSIS_NOT_FOUND', 'You have no problem description with this id.');
    return urgency;
  }
  return 'medium';
}

/** True when the organisation exists and is verified now (a withdrawn verification stops bookings at once). */
export async function isVerifiedPro(deps: PlanningDeps, orgId: string): Promise<boolean> {
  return (await deps.identity.organisationVerification(orgId)) === 'verified';
}
