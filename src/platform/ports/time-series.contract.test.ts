import { describeEachAdapter } from '../../../test/support/adapter-suites.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sqlAdapters, type TestDatabase } from '../../../test/support/databases.ts';
import { SqlTimeSeriesStore, sqlTimeSeriesMigrations } from '../adapters/local/sql-time-series.ts';
import { migrate } from '../migrations.ts';
import type { TimePoint, TimeSeriesStore } from './time-series.ts';

interface Subject {
  name: string;
  open(): Promise<{ store(): TimeSeriesStore; reopen(): Promise<void>; dispose(): Promise<void> }>;
}

const subjects: Subject[] = sqlAdapters().map((adapter) => ({
  name: `sql on ${adapter.name}`,
  available: adapter.available,
  skipReason: adapter.skipReason,
  async open() {
    let t: TestDatabase = await adapter.open();
    await migrate(t.db, sqlTimeSeriesMigrations);
    return {
      store: () => new SqlTimeSeriesStore({ db: t.db }),
      async reopen() {
        t = await t.reopen();
      },
      dispose: () => t.dispose(),
    };
  },
}));

const T0 = Date.parse('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
let seriesCounter = 0;
/** A series name no other test writes to, so tests share one database. */
const newSeries = () => `test.series.${seriesCounter++}`;

describeEachAdapter('TimeSeriesStore contract', subjects, (subject) => {
  let env: Awaited<ReturnType<Subject['open']>>;
  let ts: TimeSeriesStore;
  beforeAll(async () => {
    env = await subject.open();
    ts = env.store();
  });
  afterAll(() => env.dispose());

  it('returns the points of [from, to) in time order, either way, up to a limit', async () => {
    const series = newSeries();
    await ts.write([0, 30, 10, 20, 40].map((s) => ({ series, time: at(s), value: s })));
    await ts.write([{ series: newSeries(), time: at(15), value: -1 }]);
    const asc = await ts.range({ series, from: at(10), to: at(40) });
    expect(asc).toEqual([10, 20, 30].map((s) => ({ series, time: at(s), value: s, dims: {} })));
    const desc = await ts.range({ series, from: at(0), to: at(100), order: 'desc', limit: 2 });
    expect(desc.map((p) => p.value)).toEqual([40, 30]);
    expect(await ts.range({ series, from: at(50), to: at(60) })).toEqual([]);
  });

  it('keeps only points carrying every requested dimension', async () => {
    const series = newSeries();
    await ts.write([
      { series, time: at(1), value: 1, dims: { vehicleId: 'v1', pid: '0C' } },
      { series, time: at(2), value: 2, dims: { vehicleId: 'v1', pid: '0D' } },
      { series, time: at(3), value: 3, dims: { vehicleId: 'v2', pid: '0C' } },
      { series, time: at(4), value: 4 },
    ]);
    const values = async (dims?: Record<string, string>) =>
      (await ts.range({ series, from: at(0), to: at(10), ...(dims ? { dims } : {}) })).map((p) => p.value);
    expect(await values()).toEqual([1, 2, 3, 4]);
    expect(await values({ vehicleId: 'v1' })).toEqual([1, 2]);
    expect(await values({ pid: '0C', vehicleId: 'v1' })).toEqual([1]);
    expect(await values({ vehicleId: 'v3' })).toEqual([]);
    const [first] = await ts.range({ series, from: at(1), to: at(2) });
    expect(first?.dims).toEqual({ vehicleId: 'v1', pid: '0C' });
  });

  it('overwrites a point written again with the same series, dimensions and time', async () => {
    const series = newSeries();
    await ts.write([{ series, time: at(1), value: 1, dims: { a: 'x', b: 'y' } }]);
    await ts.write([
      { series, time: at(1), value: 2, dims: { b: 'y', a: 'x' } },
      { series, time: at(1), value: 3, dims: { a: 'x', b: 'y' } },
      { series, time: at(1), value: 9, dims: { a: 'x' } },
    ]);
    const points = await ts.range({ series, from: at(0), to: at(2) });
    expect(points.map((p) => [p.dims, p.value])).toEqual(
      expect.arrayContaining([
        [{ a: 'x', b: 'y' }, 3],
        [{ a: 'x' }, 9],
      ]),
    );
    expect(points).toHaveLength(2);
  });

  it('stores a batch of thousands of points, more than one statement carries', async () => {
    const series = newSeries();
    await ts.write(Array.from({ length: 5000 }, (_, i) => ({ series, time: at(i), value: i, dims: { n: String(i % 3) } })));
    const [bucket] = await ts.aggregate({ series, from: at(0), to: at(5000), bucket: 86_400 });
    expect(bucket).toMatchObject({ count: 5000, min: 0, max: 4999, avg: 2499.5 });
  });

  it('refuses a batch holding an invalid point, storing none of it', async () => {
    const series = newSeries();
    const bad = [
      { series, time: at(1), value: 1 },
      { series, time: at(2), value: Number.NaN },
    ];
    await expect(ts.write(bad)).rejects.toMatchObject({ status: 400, code: 'TIME_POINT_INVALID', details: { index: 1 } });
    await expect(ts.write([{ series, time: new Date('nope'), value: 1 }])).rejects.toMatchObject({ code: 'TIME_POINT_INVALID' });
    await expect(ts.write([{ series: '', time: at(1), value: 1 }])).rejects.toMatchObject({ code: 'TIME_POINT_INVALID' });
    expect(await ts.range({ series, from: at(0), to: at(10) })).toEqual([]);
  });

  it('aggregates per epoch-aligned bucket, omitting empty buckets', async () => {
    const series = newSeries();
    // T0 is on the hour, so 60-second buckets start at T0 + k minutes.
    await ts.write([
      { series, time: at(5), value: 10 },
      { series, time: at(59), value: 20 },
      { series, time: at(60), value: 7 },
      { series, time: at(185), value: 1, dims: { v: 'a' } },
      { series, time: at(190), value: 5, dims: { v: 'b' } },
    ]);
    expect(await ts.aggregate({ series, from: at(0), to: at(240), bucket: 60 })).toEqual([
      { start: at(0), min: 10, max: 20, avg: 15, count: 2 },
      { start: at(60), min: 7, max: 7, avg: 7, count: 1 },
      { start: at(180), min: 1, max: 5, avg: 3, count: 2 },
    ]);
    expect(await ts.aggregate({ series, from: at(30), to: at(240), bucket: 60, dims: { v: 'b' } })).toEqual([
      { start: at(180), min: 5, max: 5, avg: 5, count: 1 },
    ]);
    // The first bucket starts before `from` but only counts points inside the range.
    expect(await ts.aggregate({ series, from: at(30), to: at(60), bucket: 60 })).toEqual([
      { start: at(0), min: 20, max: 20, avg: 20, count: 1 },
    ]);
    await expect(ts.aggregate({ series, from: at(0), to: at(1), bucket: 0 })).rejects.toThrow(TypeError);
  });

  it('agrees with a naive computation on random points (property)', async () => {
    const point = fc.record({
      offset: fc.integer({ min: 0, max: 3599 }),
      // + 0 turns -0 into 0: JSON, and so the store, does not keep the sign of zero.
      value: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })).map((v) => v + 0),
      vehicle: fc.constantFrom('v1', 'v2'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(point, { maxLength: 40 }), fc.constantFrom(1, 7, 60, 600, 3600), async (raw, bucket) => {
        const series = newSeries();
        const points: TimePoint[] = raw.map((p) => ({ series, time: at(p.offset), value: p.value, dims: { vehicleId: p.vehicle } }));
        await ts.write(points);
        // What survives the upsert: the last write per (dims, time).
        const stored = new Map(points.map((p) => [`${p.dims!.vehicleId}@${p.time.getTime()}`, p]));
        const expected = new Map<number, number[]>();
        for (const p of stored.values()) {
          if (p.dims!.vehicleId !== 'v1') continue;
          const start = Math.floor(p.time.getTime() / (bucket * 1000)) * bucket * 1000;
          expected.set(start, [...(expected.get(start) ?? []), p.value]);
        }
        const buckets = await ts.aggregate({ series, from: at(0), to: at(3600), bucket, dims: { vehicleId: 'v1' } });
        expect(buckets.map((b) => b.start.getTime())).toEqual([...expected.keys()].sort((a, b) => a - b));
        for (const b of buckets) {
          const values = expected.get(b.start.getTime())!;
          expect(b.count).toBe(values.length);
          expect(b.min).toBe(Math.min(...values));
          expect(b.max).toBe(Math.max(...values));
          const avg = values.reduce((s, v) => s + v, 0) / values.length;
          expect(Math.abs(b.avg - avg)).toBeLessThanOrEqual(1e-9 * Math.max(1, ...values.map(Math.abs)));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('finds a point by any subset of its dimensions, whatever characters its series, names and values hold (property)', async () => {
    // Any text but NUL, which PostgreSQL text cannot hold: quotes, backslashes, braces, commas, "NULL", other scripts.
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom('NULL', '"', '\\', '{a,b}', ' ', 'é', '🚗', '')).map((t) => t.replaceAll('\u0000', ''));
    const dimensions = fc.dictionary(text, text, { minKeys: 1, maxKeys: 3 });
    await fc.assert(
      fc.asyncProperty(text, fc.array(dimensions, { minLength: 1, maxLength: 5 }), async (name, sets) => {
        const series = `${newSeries()}.${name}`;
        const points = sets.map((dims, i) => ({ series, time: at(i), value: i, dims }));
        await ts.write(points);
        for (const p of points) {
          const keys = Object.keys(p.dims);
          const subset = Object.fromEntries(keys.slice(0, Math.max(1, keys.length - 1)).map((k) => [k, p.dims[k]!]));
          const carrying = (dims: Record<string, string>) => points.filter((q) => Object.entries(dims).every(([k, v]) => q.dims[k] === v));
          const found = await ts.range({ series, from: at(0), to: at(10), dims: subset });
          expect(found).toEqual(carrying(subset).map((q) => ({ series, time: q.time, value: q.value, dims: q.dims })));
          expect((await ts.latest({ series, dims: p.dims }))?.value).toBe(carrying(p.dims).at(-1)!.value);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('merges the points of several dimension sets in time order under a limit, either way', async () => {
    const series = newSeries();
    await ts.write([1, 2, 3, 4, 5, 6, 7].map((s) => ({ series, time: at(s), value: s, dims: { fleet: 'a', vehicleId: `v${s % 3}` } })));
    await ts.write([{ series, time: at(8), value: 8, dims: { fleet: 'b', vehicleId: 'v1' } }]);
    const values = async (order: 'asc' | 'desc', limit: number) => (await ts.range({ series, dims: { fleet: 'a' }, from: at(2), to: at(9), order, limit })).map((p) => p.value);
    expect(await values('desc', 3)).toEqual([7, 6, 5]);
    expect(await values('asc', 4)).toEqual([2, 3, 4, 5]);
    expect(await values('asc', 100)).toEqual([2, 3, 4, 5, 6, 7]);
    expect((await ts.latest({ series, dims: { vehicleId: 'v1' } }))?.value).toBe(8);
  });

  it('gives the latest point of a series, optionally narrowed by dimensions', async () => {
    const series = newSeries();
    expect(await ts.latest({ series })).toBeUndefined();
    await ts.write([
      { series, time: at(1), value: 1, dims: { vehicleId: 'v1' } },
      { series, time: at(3), value: 3, dims: { vehicleId: 'v2' } },
      { series, time: at(2), value: 2, dims: { vehicleId: 'v1' } },
    ]);
    expect(await ts.latest({ series })).toEqual({ series, time: at(3), value: 3, dims: { vehicleId: 'v2' } });
    expect(await ts.latest({ series, dims: { vehicleId: 'v1' } })).toMatchObject({ value: 2 });
    expect(await ts.latest({ series, dims: { vehicleId: 'v9' } })).toBeUndefined();
  });

  it('deletes points older than the retention limit, across series', async () => {
    const [a, b] = [newSeries(), newSeries()];
    await ts.write([
      { series: a, time: new Date('2000-01-01T00:00:00Z'), value: 1 },
      { series: b, time: new Date('2000-01-01T00:00:01Z'), value: 2 },
      { series: a, time: new Date('2000-01-02T00:00:00Z'), value: 3 },
    ]);
    expect(await ts.deleteBefore(new Date('2000-01-02T00:00:00Z'))).toBe(2);
    expect(await ts.range({ series: a, from: new Date(0), to: new Date('2001-01-01') })).toHaveLength(1);
    expect(await ts.range({ series: b, from: new Date(0), to: new Date('2001-01-01') })).toEqual([]);
  });

  it('keeps acknowledged points across a restart', async () => {
    const series = newSeries();
    await ts.write([{ series, time: at(1), value: 42.5, dims: { vehicleId: 'v1' } }]);
    await env.reopen();
    ts = env.store();
    expect(await ts.latest({ series })).toEqual({ series, time: at(1), value: 42.5, dims: { vehicleId: 'v1' } });
  });
});
