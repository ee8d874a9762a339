import { afterEach, expect, it } from 'vitest';
import { describeEachAdapter } from '../../../../test/support/adapter-suites.ts';
import { sqlAdapters, type TestDatabase } from '../../../../test/support/databases.ts';
import { migrate } from '../../migrations.ts';
import { SqlTimeSeriesStore, sqlTimeSeriesMigrations } from './sql-time-series.ts';

const opened: TestDatabase[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.dispose();
});

describeEachAdapter('SQL time series: the text-keyed schema (migration 002)', sqlAdapters(), (adapter) => {
  it('keeps finding, by dimensions, and overwriting the points stored under the jsonb-keyed schema', async () => {
    const t = await adapter.open();
    opened.push(t);
    await migrate(t.db, sqlTimeSeriesMigrations.slice(0, 1));
    await t.db.query(
      `INSERT INTO ts_points (series, dims, time, value) VALUES
         ('obd.0C', '{"vehicleId": "v1"}', '2026-03-01T10:00:00Z', 900),
         ('obd.0C', '{"vehicleId": "v2", "fleet": "a"}', '2026-03-01T10:00:01Z', 1200)`,
    );
    await migrate(t.db, sqlTimeSeriesMigrations);

    const store = new SqlTimeSeriesStore({ db: t.db });
    const range = { series: 'obd.0C', from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-02T00:00:00Z') };
    expect((await store.range({ ...range, dims: { vehicleId: 'v2' } })).map((p) => [p.dims, p.value])).toEqual([[{ vehicleId: 'v2', fleet: 'a' }, 1200]]);
    // Written again with its keys in another order: the same point, overwritten.
    await store.write([{ series: 'obd.0C', time: new Date('2026-03-01T10:00:01Z'), value: 1300, dims: { fleet: 'a', vehicleId: 'v2' } }]);
    expect((await store.range(range)).map((p) => p.value)).toEqual([900, 1300]);
    expect(await store.latest({ series: 'obd.0C', dims: { vehicleId: 'v1' } })).toMatchObject({ value: 900 });
  });
});
