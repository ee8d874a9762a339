import { AppError } from '../errors.ts';

/** Labels that tell one series' points apart, e.g. `{ vehicleId, pid }`. */
export type Dimensions = Readonly<Record<string, string>>;

/** One measurement. */
export interface TimePoint {
  /** Measure name, e.g. `obd.rpm`. */
  series: string;
  time: Date;
  /** Finite; -0 is stored as 0. */
  value: number;
  /** Omitted and `{}` are the same dimensions. */
  dims?: Dimensions;
}

/** A point as read back: dimensions always present (`{}` when it has none). */
export interface StoredPoint extends TimePoint {
  dims: Dimensions;
}

/** What the points of a query have in common. */
export interface SeriesSelector {
  series: string;
  /** Only points carrying all of these dimensions (they may carry more). */
  dims?: Dimensions;
}

export interface RangeQuery extends SeriesSelector {
  /** Included. */
  from: Date;
  /** Excluded. */
  to: Date;
  /** At most this many points; all when omitted (callers serving users pass one). */
  limit?: number;
  /** By time; default `asc`. */
  order?: 'asc' | 'desc';
}

export interface AggregateQuery extends SeriesSelector {
  from: Date;
  to: Date;
  /** Bucket width in seconds; buckets are aligned on the Unix epoch (so hours start on the hour). */
  bucket: number;
}

/** Statistics of the points of [start, start + bucket) that fall inside the query's range. */
export interface Bucket {
  start: Date;
  min: number;
  max: number;
  avg: number;
  count: number;
}

/**
 * Time-series storage (Timestream-like). Local adapter: a SQL table; production: a managed TSDB.
 * A point is identified by (series, dims, time): writing it again overwrites its value.
 *
 * @example
 * await ts.write([{ series: 'obd.rpm', time, value: 2150, dims: { vehicleId, pid: '0C' } }]);
 * const hourly = await ts.aggregate({ series: 'obd.rpm', dims: { vehicleId }, from, to, bucket: 3600 });
 */
export interface TimeSeriesStore {
  /** Stores the points all together or not at all; a later duplicate in the batch wins. */
  write(points: readonly TimePoint[]): Promise<void>;
  /** Points with time in [from, to), ordered by time. */
  range(query: RangeQuery): Promise<StoredPoint[]>;
  /** Per-bucket statistics over [from, to), ordered by start; buckets without points are omitted. */
  aggregate(query: AggregateQuery): Promise<Bucket[]>;
  /** The most recent point matching, or undefined. */
  latest(selector: SeriesSelector): Promise<StoredPoint | undefined>;
  /** Retention: deletes every point older than `time` and returns how many. */
  deleteBefore(time: Date): Promise<number>;
}

/**
 * Checks a point before it is stored: 400 `TIME_POINT_INVALID` (points often come from devices,
 * so a bad one is a client error), with the index of the offending point in the batch.
 */
export function assertValidPoint(point: TimePoint, index: number): void {
  const fail = (reason: string) =>
    new AppError(400, 'TIME_POINT_INVALID', `Time-series point ${index} is invalid: ${reason}.`, { details: { index } });
  if (typeof point.series !== 'string' || point.series.length === 0 || point.series.length > 256) {
    throw fail('series must be a name of 1 to 256 characters');
  }
  if (!(point.time instanceof Date) || Number.isNaN(point.time.getTime())) throw fail('time must be a valid date');
  if (typeof point.value !== 'number' || !Number.isFinite(point.value)) throw fail('value must be a finite number');
  for (const [key, value] of Object.entries(point.dims ?? {})) {
    if (typeof value !== 'string') throw fail(`dimension ${key} must be a string`);
  }
}
