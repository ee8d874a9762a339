import { describe, expect, it } from 'vitest';
import { reminderTimes } from './reminder-times.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (list: Array<{ kind: string; at: number }>) => list.map((r) => [r.kind, new Date(r.at).toISOString()]);

describe('reminderTimes', () => {
  it('reminds the day before at the same time and two hours before', () => {
    expect(iso(reminderTimes(at('2026-12-08T08:00:00Z'), 'Europe/Paris', 0))).toEqual([
      ['day-before', '2026-12-07T08:00:00.000Z'],
      ['two-hours-before', '2026-12-08T06:00:00.000Z'],
    ]);
  });

  it('keeps the wall-clock time around the spring change: 23 hours before on the Sunday itself', () => {
    // Monday 30 March 2026 09:00 CEST = 07:00Z; Sunday 29 March 09:00 CEST = 07:00Z the day before.
    expect(iso(reminderTimes(at('2026-03-30T07:00:00Z'), 'Europe/Paris', 0))).toEqual([
      ['day-before', '2026-03-29T07:00:00.000Z'],
      ['two-hours-before', '2026-03-30T05:00:00.000Z'],
    ]);
    // Sunday 09:00 CEST is recalled at Saturday 09:00 CET: 23 h.
    const sunday = at('2026-03-29T07:00:00Z');
    expect(sunday - (reminderTimes(sunday, 'Europe/Paris', 0)[0]?.at ?? 0)).toBe(23 * 3_600_000);
  });

  it('keeps the wall-clock time across the autumn change: 25 hours before', () => {
    const sunday = at('2026-10-25T08:00:00Z'); // 09:00 CET
    const [dayBefore] = reminderTimes(sunday, 'Europe/Paris', 0);
    expect(new Date(dayBefore?.at ?? 0).toISOString()).toBe('2026-10-24T07:00:00.000Z'); // 09:00 CEST
    expect(sunday - (dayBefore?.at ?? 0)).toBe(25 * 3_600_000);
  });

  it('moves a day-before time that did not exist past the gap', () => {
    // Monday 30 March 2026 02:30 CEST; Sunday 02:30 never happened in Paris: 03:30 CEST instead.
    const [dayBefore] = reminderTimes(at('2026-03-30T00:30:00Z'), 'Europe/Paris', 0);
    expect(new Date(dayBefore?.at ?? 0).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('drops reminders that would already be past', () => {
    const start = at('2026-12-08T08:00:00Z');
    expect(iso(reminderTimes(start, 'Europe/Paris', at('2026-12-08T05:00:00Z')))).toEqual([['two-hours-before', '2026-12-08T06:00:00.000Z']]);
    expect(reminderTimes(start, 'Europe/Paris', at('2026-12-08T06:00:00Z'))).toEqual([]);
  });
});
