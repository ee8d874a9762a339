import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { URGENCIES } from '../urgency.ts';
import { OPTIMIZE_REQUESTS_INVALID, parseOptimizeRequests } from './parse-requests.ts';

const instantMs = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2028-01-01T00:00:00Z') });
const wireRequest = fc
  .record({
    service: fc.constantFrom('vidange', 'freins', 'pneus'),
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
    lon: fc.double({ min: -180, max: 180, noNaN: true }),
    urgency: fc.constantFrom(...URGENCIES),
    earliest: instantMs,
    spanMin: fc.integer({ min: 0, max: 20_000 }),
  })
  .map((r) => ({ service: r.service, lat: r.lat, lon: r.lon, urgency: r.urgency, earliest: new Date(r.earliest).toISOString(), latest: new Date(r.earliest + r.spanMin * 60_000).toISOString() }));
const batch = fc.array(wireRequest, { maxLength: 20 }).map((list) => list.map((r, i) => ({ id: `r${i}`, ...r })));
const code = (input: unknown) => {
  const r = parseOptimizeRequests(input);
  return r.ok ? 'ok' : r.error.code;
};

describe('parseOptimizeRequests', () => {
  it('reads a batch into instants, keeping the order', () => {
    const r = parseOptimizeRequests([{ id: 'a', service: 'vidange', lat: 48.85, lon: 2.35, urgency: 'high', earliest: '2026-03-29T01:30:00+01:00', latest: '2026-03-29T03:30:00+02:00' }]);
    expect(r.ok && r.value).toEqual([{ id: 'a', service: 'vidange', lat: 48.85, lon: 2.35, urgency: 'high', earliest: Date.parse('2026-03-29T00:30:00Z'), latest: Date.parse('2026-03-29T01:30:00Z') }]);
  });

  it('accepts every well-formed batch and round-trips its instants', () => {
    fc.assert(
      fc.property(batch, (list) => {
        const r = parseOptimizeRequests(list);
        return r.ok && r.value.every((v, i) => new Date(v.earliest).toISOString() === list[i]?.earliest && v.urgency === list[i]?.urgency);
      }),
    );
  });

  it('rejects bad urgencies, local times without offset, out-of-range points, duplicates and reversed windows with one code', () => {
    const good = { id: 'a', service: 'vidange', lat: 48.85, lon: 2.35, urgency: 'high', earliest: '2026-12-07T08:00:00Z', latest: '2026-12-08T08:00:00Z' };
    for (const bad of [
      [{ ...good, urgency: 'urgent' }],
      [{ ...good, earliest: '2026-12-07T08:00:00' }],
      [{ ...good, lat: 91 }],
      [{ ...good, lon: Number.NaN }],
      [good, good],
      [{ ...good, latest: '2026-12-06T08:00:00Z' }],
      [{ ...good, id: '' }],
      { requests: [good] },
      'all of them',
    ]) {
      expect(code(bad)).toBe(OPTIMIZE_REQUESTS_INVALID);
    }
  });

  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.anything(), (input) => ['ok', OPTIMIZE_REQUESTS_INVALID].includes(code(input))));
    fc.assert(
      fc.property(batch, fc.nat(), fc.constantFrom('lat', 'urgency', 'earliest', 'id'), fc.anything(), (list, at, field, value) => {
        fc.pre(list.length > 0);
        const copy = list.map((r) => ({ ...r })) as Array<Record<string, unknown>>;
        (copy[at % copy.length] as Record<string, unknown>)[field] = value;
        return ['ok', OPTIMIZE_REQUESTS_INVALID].includes(code(copy));
      }),
    );
  });
});
