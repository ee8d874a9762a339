import { z } from 'zod';
import { badRequest } from '../../../platform/errors.ts';
import type { Parsed } from '../availability/opening-hours.ts';
import { URGENCIES } from '../urgency.ts';
import type { OptimizeRequest } from './types.ts';

/** Stable code of every rejected optimiser batch. */
export const OPTIMIZE_REQUESTS_INVALID = 'OPTIMIZE_REQUESTS_INVALID';

/** Most requests one optimiser run takes. */
export const MAX_OPTIMIZE_REQUESTS = 2000;

// Instants carry their offset: a bare local time means two different instants twice a year.
const instant = z.iso.datetime({ offset: true });

const RequestSchema = z.object({
  id: z.string().min(1).max(100),
  service: z.string().min(1).max(64),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  urgency: z.enum(URGENCIES),
  earliest: instant,
  latest: instant,
});

/**
 * Reads the `requests` of `POST /v1/planning/optimize` (`[{id, service, lat, lon, urgency,
 * earliest, latest}]`, instants as ISO 8601 with offset) into optimiser requests. Rejected with
 * `OPTIMIZE_REQUESTS_INVALID` and the first problem's path: a wrong shape, more than
 * `MAX_OPTIMIZE_REQUESTS`, duplicate ids, or `latest` before `earliest`.
 */
export function parseOptimizeRequests(input: unknown): Parsed<OptimizeRequest[]> {
  const parsed = z.array(RequestSchema).max(MAX_OPTIMIZE_REQUESTS).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    return { ok: false, error: badRequest(OPTIMIZE_REQUESTS_INVALID, `Optimiser requests: ${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`, { path }) };
  }
  const seen = new Set<string>();
  const out: OptimizeRequest[] = [];
  for (const [index, r] of parsed.data.entries()) {
    if (seen.has(r.id)) return { ok: false, error: badRequest(OPTIMIZE_REQUESTS_INVALID, `Optimiser requests: id ${r.id} appears twice`, { path: `${index}.id` }) };
    seen.add(r.id);
    const earliest = Date.parse(r.earliest);
    const latest = Date.parse(r.latest);
    if (latest < earliest) return { ok: false, error: badRequest(OPTIMIZE_REQUESTS_INVALID, `Optimiser requests: ${r.id} ends before it starts`, { path: `${index}.latest` }) };
    out.push({ id: r.id, service: r.service, lat: r.lat, lon: r.lon, urgency: r.urgency, earliest, latest });
  }
  return { ok: true, value: out };
}
