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
 * Schema of the SQL time-series adapter. The primary key (series, dimensions, time) makes
 * rewrites upserts and serves queries on dimensions (once ts_series named the matching dimension
 * sets); (series, time) serves queries on a whole series; BRIN on time (tiny, suits append-mostly
 * data) serves retention.
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
  {
    // Writes were bound by the jsonb primary key and the GIN index updated for every point (half the
    // insert rate on PGlite): points are keyed by the dimensions' text (jsonb's own canonical text),
    // and the GIN index moves to ts_series, the catalogue of each series' dimension sets, written
    // once per new set. A query on dimensions looks the matching sets up there, then reads each
    // set's points through the primary key.
    id: 'platform.timeseries.002',
    sql: `
      ALTER TABLE ts_points ADD COLUMN dims_key text COLLATE "C" NOT NULL GENERATED ALWAYS AS (dims::text) STORED;
      ALTER TABLE ts_points DROP CONSTRAINT ts_points_pkey;
      ALTER TABLE ts_points ADD CONSTRAINT ts_points_pkey PRIMARY KEY (series, dims_key, time);
      DROP INDEX ts_points_dims;
      CREATE TABLE ts_series (
        series text COLLATE "C" NOT NULL,
        dims_key text COLLATE "C" NOT NULL,
        dims jsonb NOT NULL,
        PRIMARY KEY (series, dims_key)
      );
      CREATE INDEX ts_series_dims ON ts_series USING gin (dims jsonb_path_ops);
      INSERT INTO ts_series (series, dims_key, dims) SELECT DISTINCT series, dims_key, dims FROM ts_points;
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
const WRITE_CHUNK = 4000;
const DELETE_BATCH = 5000;
/** Dimension sets known to be in ts_series, remembered at most this many (then forgotten and rechecked). */
const CATALOGUE_CACHE = 500_000;

/**
 * One statement per chunk: the points travel as four arrays (parameters, unnest: the same on
 * PGlite and PostgreSQL, no JSON to parse per point), the dimension sets not yet catalogued as two
 * more, added to ts_series in the same statement so that a point is never stored unfindable.
 */
const INSERT = `WITH catalogued AS (
    INSERT INTO ts_series (series, dims_key, dims)
    SELECT n.series, n.dims::jsonb::text, n.dims::jsonb FROM unnest($5::text[], $6::text[]) AS n(series, dims)
    ON CONFLICT DO NOTHING
  )
  INSERT INTO ts_points (series, dims, time, value)
  SELECT p.series, p.dims::jsonb, p.time, p.value
  FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[]) AS p(series, dims, time, value)
  ON CONFLICT (series, dims_key, time) DO UPDATE SET value = excluded.value`;

/** The time-series port on the SQL database (local runtime). */
export class SqlTimeSeriesStore implements TimeSeriesStore {
  readonly #db: SqlDatabase;
  /** `series NUL dims JSON` of the dimension sets already in ts_series. */
  readonly #catalogued = new Set<string>();

  constructor(options: SqlTimeSeriesStoreOptions) {
    this.#db = options.db;
  }

  async write(points: readonly TimePoint[]): Promise<void> {
    points.forEach(assertValidPoint);
    // One statement cannot upsert the same key twice: keep the batch's last value per key.
    const unique = new Map<string, { series: string; dims: string; time: string; value: number }>();
    // The points of one message share their dimensions and time objects: each is converted once.
    let lastDims: Dimensions | undefined;
    let dims = '{}';
    let lastTime: Date | undefined;
    let time = '';
    for (const p of points) {
      if (p.dims !== lastDims || lastDims === undefined) {
        lastDims = p.dims;
        dims = JSON.stringify(canonicalDims(p.dims));
      }
      if (p.time !== lastTime) {
        lastTime = p.time;
        time = p.time.toISOString();
      }
      unique.set(`${p.series}\u0000${dims}\u0000${time}`, { series: p.series, dims, time, value: p.value });
    }
    const rows = [...unique.values()];
    const statements: { params: unknown[]; sets: string[] }[] = [];
    for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
      const chunk = rows.slice(i, i + WRITE_CHUNK);
      const fresh = new Map<string, { series: string; dims: string }>();
      for (const r of chunk) {
        const set = `${r.series}\u0000${r.dims}`;
        if (!this.#catalogued.has(set)) fresh.set(set, r);
      }
      const sets = [...fresh.values()];
      statements.push({
        sets: [...fresh.keys()],
        params: [chunk.map((r) => r.series), chunk.map((r) => r.dims), chunk.map((r) => r.time), chunk.map((r) => r.value), sets.map((r) => r.series), sets.map((r) => r.dims)],
      });
    }
    if (statements.length === 1) await this.#db.query(INSERT, statements[0]!.params);
    else if (statements.length > 1) {
      await this.#db.transaction(async (tx) => {
        for (const statement of statements) await tx.query(INSERT, statement.params);
      });
    }
    if (this.#catalogued.size > CATALOGUE_CACHE) this.#catalogued.clear();
    for (const statement of statements) for (const set of statement.sets) this.#catalogued.add(set);
  }

  async range(query: RangeQuery): Promise<StoredPoint[]> {
    if (query.limit !== undefined && (!Number.isSafeInteger(query.limit) || query.limit < 1)) {
      throw new TypeError('range limit must be a positive integer');
    }
    const { text, params } = pointsQuery(query, { from: query.from, to: query.to, order: query.order === 'desc' ? 'DESC' : 'ASC', limit: query.limit });
    const { rows } = await this.#db.query<PointRow>(text, params);
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
    const { text, params } = pointsQuery(selector, { order: 'DESC', limit: 1 });
    const { rows } = await this.#db.query<PointRow>(text, params);
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

/** WHERE clause and parameters of the points of `selector` in [from, to). */
function selection(selector: SeriesSelector, from?: Date, to?: Date): { where: string; params: unknown[] } {
  const params: unknown[] = [selector.series];
  const where = ['series = $1'];
  if (from) where.push(`time >= $${params.push(from)}`);
  if (to) where.push(`time < $${params.push(to)}`);
  const sets = dimensionSets(selector, params);
  if (sets) where.push(`dims_key = ANY (ARRAY(${sets}))`);
  return { where: where.join(' AND '), params };
}

/** The subquery naming the dimension sets of `selector`'s series that carry its dimensions; undefined for the whole series. */
function dimensionSets(selector: SeriesSelector, params: unknown[]): string | undefined {
  if (!selector.dims || Object.keys(selector.dims).length === 0) return undefined;
  return `SELECT dims_key FROM ts_series WHERE series = $1 AND dims @> $${params.push(JSON.stringify(selector.dims))}::jsonb`;
}

/** The points of `selector` in order; with a limit, each dimension set's first ones come from its own primary-key range, then merge. */
function pointsQuery(selector: SeriesSelector, o: { from?: Date; to?: Date; order: 'ASC' | 'DESC'; limit?: number | undefined }): { text: string; params: unknown[] } {
  const { where, params } = selection({ series: selector.series }, o.from, o.to);
  const sets = dimensionSets(selector, params);
  const limit = o.limit === undefined ? '' : ` LIMIT ${o.limit}`;
  const columns = 'series, dims, time, value';
  if (!sets) return { text: `SELECT ${columns} FROM ts_points WHERE ${where} ORDER BY time ${o.order}, dims ${o.order}${limit}`, params };
  if (!limit) return { text: `SELECT ${columns} FROM ts_points WHERE ${where} AND dims_key = ANY (ARRAY(${sets})) ORDER BY time ${o.order}, dims ${o.order}`, params };
  return {
    text: `SELECT p.series, p.dims, p.time, p.value FROM (${sets}) AS k
      CROSS JOIN LATERAL (SELECT ${columns} FROM ts_points WHERE ${where} AND dims_key = k.dims_key ORDER BY time ${o.order}${limit}) AS p
      ORDER BY p.time ${o.order}, p.dims ${o.order}${limit}`,
    params,
  };
}

/** Same dimensions, same JSON text: the dedup key must not depend on key order. */
function canonicalDims(dims: Dimensions | undefined): Dimensions {
  return Object.fromEntries(Object.entries(dims ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function toPoint(row: PointRow): StoredPoint {
  return { series: row.series, time: row.time, value: row.value, dims: row.dims };
}
