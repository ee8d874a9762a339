import { describe, expect, it } from 'vitest';
import type { AppError } from '../../platform/errors.ts';
import { telemetryWindow } from './telemetry-query.ts';

const now = new Date('2026-03-01T12:00:00Z');
const failure = (q: Parameters<typeof telemetryWindow>[0]) => {
  try {
    telemetryWindow(q, now);
    return undefined;
  } catch (error) {
    return (error as AppError).code;
  }
};

describe('telemetry windows', () => {
  it('default to the last 24 hours and read bucket widths with units', () => {
    expect(telemetryWindow({ bucket: '60s' }, now)).toEqual({ from: new Date('2026-02-28T12:00:00Z'), to: now, bucketSeconds: 60 });
    expect(telemetryWindow({ bucket: '5m', from: '2026-03-01T10:00:00Z', to: '2026-03-01T12:00:00+01:00' }, now).bucketSeconds).toBe(300);
    expect(telemetryWindow({ bucket: '1d', from: '2026-01-01T00:00:00Z' }, now).bucketSeconds).toBe(86_400);
    expect(telemetryWindow({ bucket: '90' }, now).bucketSeconds).toBe(90);
  });

  it('refuse an empty or reversed range, too many buckets, and absurd widths', () => {
    expect(failure({ bucket: '60s', from: '2026-03-01T12:00:00Z', to: '2026-03-01T12:00:00Z' })).toBe('OBD_RANGE_INVALID');
    expect(failure({ bucket: '1s', from: '2026-02-01T00:00:00Z' })).toBe('OBD_RANGE_INVALID');
    expect(failure({ bucket: '0s' })).toBe('OBD_RANGE_INVALID');
    expect(failure({ bucket: '40d' })).toBe('OBD_RANGE_INVALID');
    expect(failure({ bucket: '1d', from: '2024-01-01T00:00:00Z' })).toBe('OBD_RANGE_INVALID');
  });
});
