import type { Migration } from '../../migrations.ts';
import type { SqlDatabase } from '../../ports/sql.ts';
import {
  assertValidPoint,
  type AggregateQuery,
  type Bucket,
  type Dimensions,
  type RangeQuery,
  type SeriesSelector,
  type StoredPoint,
  type TimePoint,
  type TimeSeriesStore,
} from '../../ports/time-series.ts';

/**
 * Schema of the SQL time-series adapter. The primary key (series, dims, time) makes rewrites
 * upserts and serves queries giving every dimension; (series, time) serves time ranges filtered
 * on some dimensions; the GIN index finds one vehicle's points over a long span; BRIN on time
 * (tiny, suits append-mostly data) serves retention.
 */
export const sqlTimeSeriesMigrations: Migration[] = [
  {
    id: 'platform.timeseries.001',
    sql: `
      CREATE TABLE ts_points (
        series text COLLATE "C" NOT NULL,
        dims jsonb NOT NULL,
        time timestamptz NOT NULL,
        value double precision NOT NULL,
        PRIMARY KEY (series, dims, time)
      );
      CREATE INDEX ts_points_series_time ON ts_points (series, time);
      CREATE INDEX ts_points_dims ON ts_points USING gin (dims jsonb_path_ops);
      CREATE INDEX ts_points_time ON ts_points USING brin (time);
    `,
  },
];

export interface SqlTimeSeriesStoreOptions {
  db: SqlDatabase;
}

interface PointRow {
  series: string;
  dims: Dimensions;
  time: Date;
  value: number;
}

interface BucketRow {
  start: Date;
  min: number;
  max: number;
  avg: number;
  count: number;
}

// Points per INSERT statement: large enough to amortise round trips, small enough for one message.
const WRITE_CHUNK = 2000;
const DELETE_BATCH = 5000;

/** The time-series port on the SQL database (local runtime). */
export class SqlTimeSeriesStore implements TimeSeriesStore {
  readonly #db: SqlDatabase;

  constructor(options: SqlTimeSeriesStoreOptions) {
    this.#db = options.db;
  }

  async write(points: readonly TimePoint[]): Promise<void> {
    points.forEach(assertValidPoint);
    // One statement cannot upsert the same key twice: keep the batch's last value per key.
    const unique = new Map<string, { series: string; dims: Dimensions; time: string; value: number }>();
    for (const p of points) {
      const dims = canonicalDims(p.dims);
      unique.set(JSON.stringify([p.series, dims, p.time.getTime()]), {
        series: p.series,
        dims,
        time: p.time.toISOString(),
        value: p.value,
      });
    }
    const rows = [...unique.values()];
    const chunks: (typeof rows)[] = [];
    for (let i = 0; i < rows.length; i += WRITE_CHUNK) chunks.push(rows.slice(i, i + WRITE_CHUNK));
    // The batch travels as one jsonb document: the same on PGlite and pg, whatever array support.
    const insert = `INSERT INTO ts_points (series, dims, time, value)
      SELECT p.series, p.dims, p.time, p.value
      FROM jsonb_to_recordset($1::jsonb) AS p(series text, dims jsonb, time timestamptz, value double precision)
      ON CONFLICT (series, dims, time) DO UPDATE SET value = excluded.value`;
    if (chunks.length === 1) {
      await this.#db.query(insert, [JSON.stringify(chunks[0])]);
    } else if (chunks.length > 1) {
      await this.#db.transaction(async (tx) => {
        for (const chunk of chunks) await tx.query(insert, [JSON.stringify(chunk)]);
      });
    }
  }

  async range(query: RangeQuery): Promise<StoredPoint[]> {
    const { where, params } = selection(query, query.from, query.to);
    if (query.limit !== undefined && (!Number.isSafeInteger(query.limit) || query.limit < 1)) {
      throw new TypeError('range limit must be a positive integer');
    }
    const order = query.order === 'desc' ? 'DESC' : 'ASC';
    const limit = query.limit === undefined ? '' : `LIMIT ${query.limit}`;
    const { rows } = await this.#db.query<PointRow>(
      `SELECT series, dims, time, value FROM ts_points WHERE ${where} ORDER BY time ${order}, dims ${order} ${limit}`,
      params,
    );
    return rows.map(toPoint);
  }

  async aggregate(query: AggregateQuery): Promise<Bucket[]> {
    if (!Number.isFinite(query.bucket) || query.bucket <= 0) throw new TypeError('bucket must be a positive number of seconds');
    const { where, params } = selection(query, query.from, query.to);
    params.push(query.bucket);
    const { rows } = await this.#db.query<BucketRow>(
      `SELECT date_bin(make_interval(secs => $${params.length}), time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS start,
         min(value) AS min, max(value) AS max, avg(value) AS avg, count(*) AS count
       FROM ts_points WHERE ${where} GROUP BY 1 ORDER BY 1`,
      params,
    );
    return rows.map((r) => ({ start: r.start, min: r.min, max: r.max, avg: r.avg, count: r.count }));
  }

  async latest(selector: SeriesSelector): Promise<StoredPoint | undefined> {
    const { where, params } = selection(selector);
    const { rows } = await this.#db.query<PointRow>(
      `SELECT series, dims, time, value FROM ts_points WHERE ${where} ORDER BY time DESC, dims DESC LIMIT 1`,
      params,
    );
    return rows[0] && toPoint(rows[0]);
  }

  async deleteBefore(time: Date): Promise<number> {
    let total = 0;
    for (;;) {
      // Batches keep each delete (and its locks) short while ingestion goes on.
      const { rowCount } = await this.#db.query(
        `DELETE FROM ts_points WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM ts_points WHERE time < $1 LIMIT ${DELETE_BATCH}
         )) AND time < $1`,
        [time],
      );
      total += rowCount;
      if (rowCount < DELETE_BATCH) return total;
    }
  }
}

/** WHERE clause and parameters shared by the queries. */
function selection(selector: SeriesSelector, from?: Date, to?: Date): { where: string; params: unknown[] } {
  const params: unknown[] = [selector.series];
  const where = ['series = $1'];
  if (from) where.push(`time >= $${params.push(from)}`);
  if (to) where.push(`time < $${params.push(to)}`);
  if (selector.dims && Object.keys(selector.dims).length > 0) {
    where.push(`dims @> $${params.push(JSON.stringify(selector.dims))}::jsonb`);
  }
  return { where: where.join(' AND '), params };
}

/** Same dimensions, same JSON text: the dedup key must not depend on key order. */
function canonicalDims(dims: Dimensions | undefined): Dimensions {
  return Object.fromEntries(Object.entries(dims ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function toPoint(row: PointRow): StoredPoint {
  return { series: row.series, time: row.time, value: row.value, dims: row.dims };
}
