import { PLACES, SERVICE_CODES } from './messages.ts';

const HOUR = 3_600_000;

/** What the pasted text is: the body's fields to send, or why it cannot be sent (a message key). */
export type ReadRequests = { ok: true; body: { requests: unknown; from?: string; days?: number } } | { ok: false; problem: 'empty' | 'notJson' | 'notRequests' };

/**
 * Reads a pasted or uploaded request set: either the list `[{id, service, lat, lon, urgency,
 * earliest, latest}]` or the whole `POST /v1/planning/optimize` body (`{requests, from?, days?}`).
 * The requests themselves are checked by the API, which says which one is wrong.
 */
export function readRequests(text: string): ReadRequests {
  if (!text.trim()) return { ok: false, problem: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'notJson' };
  }
  if (Array.isArray(value)) return { ok: true, body: { requests: value } };
  if (value && typeof value === 'object' && 'requests' in value) {
    const { requests, from, days } = value as { requests: unknown; from?: unknown; days?: unknown };
    return { ok: true, body: { requests, ...(from === undefined ? {} : { from: from as string }), ...(days === undefined ? {} : { days: days as number }) } };
  }
  return { ok: false, problem: 'notRequests' };
}

/** A small request set to start from: a few owners around Paris, from the next hour on, for three days. */
export function exampleRequests(now: Date): string {
  const start = Math.ceil(now.getTime() / HOUR) * HOUR;
  const urgencies = ['critical', 'high', 'medium', 'low', 'medium', 'high'] as const;
  const requests = urgencies.map((urgency, i) => {
    const place = PLACES[i % PLACES.length]!;
    return {
      id: `demande-${i + 1}`,
      service: SERVICE_CODES[i % 2]!,
      lat: place.lat,
      lon: place.lon,
      urgency,
      earliest: new Date(start + i * HOUR).toISOString(),
      latest: new Date(start + 72 * HOUR).toISOString(),
    };
  });
  return JSON.stringify(requests, null, 2);
}
