import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../platform/clock.ts';
import { newId } from '../../../platform/ids.ts';
import { openModuleForTest, type ModuleUnderTest } from '../../../../test/support/module-harness.ts';
import { planningModule } from '../index.ts';
import { AppointmentStore, type AppointmentRow } from '../store/appointment-store.ts';
import { ProfileStore } from '../store/profile-store.ts';
import { ACTUAL_DURATION_SERIES } from './planning-deps.ts';

describe('learning durations from completion events', () => {
  const clock = new ManualClock('2026-04-10T09:00:00Z');
  const profiles = new ProfileStore();
  const appointments = new AppointmentStore();
  const orgId = newId();
  let m: ModuleUnderTest;

  beforeAll(async () => {
    m = await openModuleForTest(planningModule, { clock });
    await profiles.save(m.platform.db, orgId, newId(), {
      name: 'Garage Durable', lat: 48.85, lon: 2.35, address: 'Paris', services: [{ code: 'freins', durationMin: 90 }], capacity: 2, buffer_min: 0,
      opening_hours: { mon: [['08:00', '18:00']] }, closures: [], timezone: 'Europe/Paris',
    }, clock.now());
  });
  afterAll(() => m?.dispose());

  /** What a completion commits: the completed row and its event, in one transaction; nothing after it runs (as if the process died there). */
  const commitCompletion = (start: string, actualDurationMin: number) =>
    m.platform.db.transaction(async (tx) => {
      const at = clock.now();
      const row: AppointmentRow = {
        id: newId(), org_id: orgId, owner_user_id: newId(), service: 'freins', start_at: new Date(start), end_at: new Date(Date.parse(start) + 90 * 60_000), status: 'completed',
        hold_expires_at: null, vehicle_id: null, notes: null, analysis_id: null, urgency: 'medium', proposed_start: null, proposed_end: null, decline_reason: null,
        actual_duration_min: actualDurationMin, reminder_timers: [], sequence: 0, version: 3, created_at: at, updated_at: at,
      };
      await appointments.insert(tx, row);
      await completionEvent(row, tx);
      return row;
    });
  const completionEvent = (row: AppointmentRow, tx?: Parameters<typeof m.platform.events.publish>[1]) =>
    m.platform.events.publish({
      type: 'planning.appointment-changed', source: 'planning', subject: row.id,
      data: { id: row.id, action: 'complete', version: row.version, proId: row.org_id, ownerUserId: row.owner_user_id, service: row.service, status: 'completed', start: row.start_at.toISOString(), end: row.end_at.toISOString(), analysisId: null, proposedStart: null, reason: null },
    }, tx);
  const points = () => m.platform.timeseries.range({ series: ACTUAL_DURATION_SERIES, dims: { proId: orgId, service: 'freins' }, from: new Date(0), to: new Date('2027-01-01') });
  const learned = async () => (await profiles.learned(m.platform.db, [orgId])).get(orgId)?.get('freins');

  it('writes every committed completion to the series from its event, two parallel jobs at one start included, and learns the 75th percentile after 5', async () => {
    const rows = [];
    for (const [i, start] of ['2026-04-06T07:00:00Z', '2026-04-06T07:00:00Z', '2026-04-07T07:00:00Z', '2026-04-07T12:00:00Z', '2026-04-08T07:00:00Z'].entries()) {
      rows.push(await commitCompletion(start, [80, 85, 90, 100, 120][i] as number));
    }
    await m.drain();
    expect((await points()).map((p) => p.value).sort((a, b) => a - b)).toEqual([80, 85, 90, 100, 120]);
    expect(await learned()).toMatchObject({ durationMin: 100, sampleSize: 5 });

    // At least once: the same completions delivered again change nothing.
    for (const row of rows) await completionEvent(row);
    await m.drain();
    expect(await points()).toHaveLength(5);
    expect(await learned()).toMatchObject({ durationMin: 100, sampleSize: 5 });
  });
});
