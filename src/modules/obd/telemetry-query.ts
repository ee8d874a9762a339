import { badRequest } from '../../platform/errors.ts';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const MAX_BUCKETS = 10_000;
const MAX_SPAN_MS = 400 * 86_400_000;
const DEFAULT_SPAN_MS = 86_400_000;

/** A telemetry query as the storage takes it. */
export interface TelemetryWindow {
  from: Date;
  to: Date;
  bucketSeconds: number;
}

/**
 * Resolves `from`, `to` and `bucket` ("60s", "5m", "1h", "1d", or plain seconds): `to` defaults
 * to now and `from` to a day before. 400 `OBD_RANGE_INVALID` when `from` is not before `to`, the
 * span exceeds 400 days, or it would make more than 10,000 buckets.
 */
export function telemetryWindow(query: { from?: string | undefined; to?: string | undefined; bucket: string }, now: Date): TelemetryWindow {
  const match = /^(\d+)([smhd]?)$/.exec(query.bucket);
  const bucketSeconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's']! : Number.NaN;
  if (!(bucketSeconds >= 1 && bucketSeconds <= 31 * 86_400)) throw badRequest('OBD_RANGE_INVALID', 'The bucket must be between 1s and 31d.');
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_SPAN_MS);
  const span = to.getTime() - from.getTime();
  if (!(span > 0)) throw badRequest('OBD_RANGE_INVALID', '`from` must be before `to`.');
  if (span > MAX_SPAN_MS) throw badRequest('OBD_RANGE_INVALID', 'A query spans at most 400 days.');
  if (span / 1000 / bucketSeconds > MAX_BUCKETS) throw badRequest('OBD_RANGE_INVALID', `This range and bucket make more than ${MAX_BUCKETS} buckets: choose a wider bucket.`);
  return { from, to, bucketSeconds };
}
