import type { z } from 'zod';
import type { TypedEvent } from '../../../platform/module/events.ts';
import { estimateDuration } from '../durations/learned-duration.ts';
import type { planningEvents } from '../events.ts';
import { ACTUAL_DURATION_SERIES, type PlanningDeps } from './planning-deps.ts';

type Change = z.output<(typeof planningEvents)['planning.appointment-changed']>;

/**
 * From a completion's event (published in the completion's transaction, delivered at least
 * once), writes the job's actual duration to the time series and recomputes the (professional,
 * service) estimate from the last 200 jobs of that pair. A crash after the completion commits
 * therefore loses no sample: the event is delivered again. A repeated delivery changes nothing:
 * (series, dims, time) identifies a point and the appointment is one of its dimensions (parallel
 * bays start jobs of one pair at the same instant), so the point is overwritten with itself and
 * the estimate recomputed from the same history. The duration is read from the appointment row,
 * committed with the event.
 */
export async function learnFromCompletion(deps: PlanningDeps, event: TypedEvent<Change>): Promise<void> {
  if (event.data.action !== 'complete') return;
  const row = await deps.appointments.get(deps.db, event.data.id, { kind: 'all' });
  if (row?.status !== 'completed' || row.actual_duration_min === null) return;
  const profile = await deps.profiles.get(deps.db, row.org_id);
  if (!profile) return;
  const pair = { proId: profile.org_id, service: row.service };
  await deps.timeseries.write([{ series: ACTUAL_DURATION_SERIES, time: row.start_at, value: row.actual_duration_min, dims: { ...pair, appointmentId: row.id } }]);
  // Reading by the pair alone matches every appointment's point.
  const history = await deps.timeseries.range({ series: ACTUAL_DURATION_SERIES, dims: pair, from: new Date(0), to: new Date(deps.clock.now().getTime() + 366 * 86_400_000), order: 'desc', limit: 200 });
  const declared = profile.services.find((s) => s.code === row.service)?.durationMin ?? row.actual_duration_min;
  await deps.profiles.saveLearned(deps.db, profile.org_id, row.service, estimateDuration(declared, history.map((h) => h.value)));
}
