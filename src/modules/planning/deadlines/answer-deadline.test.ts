import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerDeadline } from './answer-deadline.ts';

const at = Date.parse;
const iso = (ms: number) => new Date(ms).toISOString();
const w = { windowHours: 24, leadHours: 2 };

describe('answerDeadline', () => {
  it('gives the professional the answer window when the slot is far off', () => {
    expect(iso(answerDeadline(at('2026-03-20T09:00:00Z'), at('2026-03-30T07:00:00Z'), w))).toBe('2026-03-21T09:00:00.000Z');
  });

  it('expires the request the lead time before a slot that comes sooner', () => {
    expect(iso(answerDeadline(at('2026-03-20T09:00:00Z'), at('2026-03-20T15:00:00Z'), w))).toBe('2026-03-20T13:00:00.000Z');
  });

  it('keeps a request for a slot inside the lead time open until the slot begins, within the window', () => {
    expect(iso(answerDeadline(at('2026-03-20T09:00:00Z'), at('2026-03-20T10:00:00Z'), w))).toBe('2026-03-20T10:00:00.000Z');
    expect(iso(answerDeadline(at('2026-03-20T09:00:00Z'), at('2026-03-22T08:00:00Z'), { windowHours: 1, leadHours: 48 }))).toBe('2026-03-20T10:00:00.000Z');
  });

  it('always lies after the request and no later than the slot or the window', () => {
    const hour = 3_600_000;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 1, max: 60 * 24 * hour }), fc.integer({ min: 1, max: 168 }), fc.integer({ min: 0, max: 48 }), (made, ahead, windowHours, leadHours) => {
        const d = answerDeadline(made, made + ahead, { windowHours, leadHours });
        return d > made && d <= made + ahead && d <= made + windowHours * hour;
      }),
    );
  });
});
