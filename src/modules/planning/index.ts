import type { SqlExecutor } from '../../platform/ports/sql.ts';
import { makeIdempotent } from '../../platform/idempotency/make-idempotent.ts';
import { on } from '../../platform/module/events.ts';
import { loadAsl } from '../../platform/module/load-asl.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import { AppointmentActions } from './booking/appointment-actions.ts';
import { BookingService } from './booking/booking-service.ts';
import { CandidateCache } from './booking/candidate-cache.ts';
import { BOOKING_WORKFLOW, bookingWorkflowTasks, followChange } from './booking/booking-workflow.ts';
import type { AnalysisUrgencySource, PlanningDeps, PlanningVehicles } from './booking/planning-deps.ts';
import { notifyOtherParty } from './booking/change-notifier.ts';
import { learnFromCompletion } from './booking/duration-learning.ts';
import { deliverReminder } from './booking/reminder-handler.ts';
import { planningConfig } from './config.ts';
import { planningEvents } from './events.ts';
import { planningMigrations } from './migrations.ts';
import { ProfileService } from './profile/profile-service.ts';
import { appointmentRoutes } from './routes/appointment-routes.ts';
import { optimizeRoutes } from './routes/optimize-routes.ts';
import { profileRoutes } from './routes/profile-routes.ts';
import { AppointmentStore } from './store/appointment-store.ts';
import { ProfileStore } from './store/profile-store.ts';
import { planningTemplates } from './templates.ts';

export { planningEvents } from './events.ts';
export { bookingAccess, type BookingAccess, type OrganisationAccess } from './analysis-access.ts';
export type { AnalysisUrgencySource } from './booking/planning-deps.ts';
export type { Appointment } from './booking/appointment-view.ts';
export { URGENCIES, type Urgency } from './urgency.ts';

/** What can be given when building the module. */
export interface PlanningModuleOptions {
  /**
   * Reads the urgency of an owner's NLP analysis over the platform's database: the NLP module's
   * face, wired by the runtime. Without it, `analysisId` is stored with the booking and the
   * score takes `?urgency=` (else medium).
   */
  analysisUrgency?: (db: SqlExecutor) => AnalysisUrgencySource;
}

/**
 * Intelligent planning: professionals' profiles (services, opening hours, closures, capacity,
 * time zone), slot search across nearby verified professionals, holds and bookings with capacity
 * enforced in the database, the professional's and owner's actions with notifications, durable
 * reminders, the iCalendar feed and the batch optimiser. Each booking request runs the
 * `planning-booking` workflow (answer deadlines, reminders). Publishes `planning.appointment-changed`.
 */
export function createPlanningModule(options: PlanningModuleOptions = {}): PlatformModule<typeof planningConfig, typeof planningEvents> {
  return {
    name: 'planning',
    migrations: planningMigrations,
    events: planningEvents,
    config: planningConfig,
    async init(ctx) {
      const deps: PlanningDeps = {
        db: ctx.db,
        clock: ctx.clock,
        ids: ctx.ids,
        scheduler: ctx.scheduler,
        notify: ctx.notify,
        events: ctx.events,
        timeseries: ctx.timeseries,
        identity: { organisationVerification: (orgId) => ctx.identity.organisationVerification(orgId) },
        profiles: new ProfileStore(),
        candidates: new CandidateCache(),
        appointments: new AppointmentStore(),
        holdMinutes: ctx.config.holdMinutes,
        answerWindow: ctx.config.answerWindow,
        workflows: ctx.workflows,
        analysisUrgency: options.analysisUrgency?.(ctx.db),
        vehicles: () => ctx.faceOf<PlanningVehicles>('vehicles'),
      };
      const actions = new AppointmentActions(deps);
      const routes = profileRoutes({ profiles: new ProfileService({ ...deps, publicUrl: ctx.publicUrl }), kit: ctx.http });
      routes.route('/', appointmentRoutes({ planning: deps, bookings: new BookingService(deps), actions, kit: ctx.http }));
      routes.route('/', optimizeRoutes({ planning: deps, kit: ctx.http, timeLimitMs: ctx.config.optimizeTimeLimitMs }));
      // At-least-once delivery: the same event notifies once.
      const tell = makeIdempotent((e: Parameters<typeof notifyOtherParty>[1]) => notifyOtherParty(deps, e), (e) => e.id, { store: ctx.idempotency, clock: ctx.clock, scope: 'planning.on-appointment-changed' });
      const remind = makeIdempotent((e: Parameters<typeof deliverReminder>[1]) => deliverReminder(deps, e), (e) => e.id, { store: ctx.idempotency, clock: ctx.clock, scope: 'planning.on-reminder-due' });
      return {
        routes,
        workflows: { [BOOKING_WORKFLOW]: loadAsl(new URL('./booking/planning-booking.asl.json', import.meta.url)) },
        tasks: bookingWorkflowTasks(deps),
        subscriptions: [
          on(planningEvents, 'planning.reminder-due', remind),
          on(planningEvents, 'planning.appointment-changed', tell),
          on(planningEvents, 'planning.appointment-changed', (e) => followChange(deps, e), 'appointment-workflow'),
          on(planningEvents, 'planning.appointment-changed', (e) => learnFromCompletion(deps, e), 'learn-duration'),
          on(planningEvents, 'planning.answer-due', async (e) => {
            await actions.expire(e.data.appointmentId, e.data.version);
          }),
        ],
        templates: planningTemplates,
        chores: { 'planning.expire-holds': (now) => deps.appointments.expireHolds(deps.db, now) },
      };
    },
  };
}

/** The module as the runtime registers it. */
export const planningModule = createPlanningModule();
