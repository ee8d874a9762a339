import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendarFeed, type FeedBooking } from './ical-feed.ts';

const booking = (extra: Partial<FeedBooking> = {}): FeedBooking => ({
  id: '01JD0000000000000000000000',
  start: Date.parse('2026-03-29T07:30:00Z'),
  end: Date.parse('2026-03-29T08:30:00Z'),
  status: 'confirmed',
  summary: 'Vidange — AB-123-CD',
  updatedAt: Date.parse('2026-03-20T10:00:00Z'),
  ...extra,
});
const feed = (bookings: FeedBooking[]) => buildCalendarFeed({ name: 'Garage du Centre', timezone: 'Europe/Paris', uidDomain: 'novaevo.fr', bookings });
const events = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');

describe('buildCalendarFeed', () => {
  it('parses back with UID, DTSTAMP, UTC start and end, summary and status', () => {
    const text = feed([booking(), booking({ id: 'b2', status: 'requested', start: Date.parse('2026-03-30T12:00:00Z'), end: Date.parse('2026-03-30T13:00:00Z') })]);
    const [first, second] = events(text);
    expect(first?.getFirstPropertyValue('uid')).toBe('01JD0000000000000000000000@novaevo.fr');
    expect(first?.getFirstPropertyValue('summary')).toBe('Vidange — AB-123-CD');
    expect(first?.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(second?.getFirstPropertyValue('status')).toBe('TENTATIVE');
    const start = first?.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.toJSDate().toISOString()).toBe('2026-03-29T07:30:00.000Z');
    expect(start.zone?.tzid).toBe('UTC');
    expect((first!.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString()).toBe('2026-03-29T08:30:00.000Z');
    expect((first!.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString()).toBe('2026-03-20T10:00:00.000Z');
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2.0\r\n/);
    expect(text).toContain('X-WR-CALNAME:Garage du Centre');
  });

  it('marks cancelled and declined bookings CANCELLED and leaves holds out', () => {
    const list = events(feed([booking({ id: 'c', status: 'cancelled' }), booking({ id: 'd', status: 'declined' }), booking({ id: 'h', status: 'held' })]));
    expect(list.map((e) => [e.getFirstPropertyValue('uid'), e.getFirstPropertyValue('status')])).toEqual([
      ['c@novaevo.fr', 'CANCELLED'],
      ['d@novaevo.fr', 'CANCELLED'],
    ]);
  });

  it('folds long lines at 75 octets without splitting a character, and escapes text', () => {
    const summary = 'Révision complète; embrayage, freins\\disques — client très pressé '.repeat(4);
    const description = 'Ligne 1\nLigne 2, avec virgule; et point-virgule';
    const text = feed([booking({ summary, description })]);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).not.toContain('\uFFFD');
    const [event] = events(text);
    expect(event?.getFirstPropertyValue('summary')).toBe(summary);
    expect(event?.getFirstPropertyValue('description')).toBe(description);
  });

  it('round-trips any summary through a parser', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }), (summary) => {
        fc.pre(summary.trim() === summary && !/[\r\n\u0000-\u001f\u007f]/.test(summary));
        const text = feed([booking({ summary })]);
        for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
        expect(events(text)[0]?.getFirstPropertyValue('summary')).toBe(summary);
      }),
      { numRuns: 200 },
    );
  });
});
