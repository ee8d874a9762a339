import { badRequest } from '../../../platform/errors.ts';
import { generateWeek } from '../generator/paris-week.ts';
import { optimizeAssignments } from '../optimizer/optimize.ts';
import { parseOptimizeRequests } from '../optimizer/parse-requests.ts';
import type { OptimizeResult } from '../optimizer/types.ts';
import type { PlanningDeps } from './planning-deps.ts';
import { searchProfessionals } from './slot-service.ts';

const DAY = 86_400_000;

/** `POST /v1/planning/optimize`, as the route validated it. */
export interface OptimizeBody {
  requests?: unknown;
  from?: string | undefined;
  days: number;
  timeLimitMs?: number | undefined;
  /** A generated Paris-like week (its professionals and its requests) instead of the stored profiles. */
  sample?: { seed: number; professionals: number; requests: number } | undefined;
}

/** What the admin sees: the optimiser's answer, where its input came from, and whether the greedy fallback answered. */
export type OptimizeAnswer = OptimizeResult & { fallback: boolean; input: { source: 'profiles' | 'sample'; professionals: number; requests: number; from: string; to: string } };

/** Runs the batch optimiser on requests against the verified professionals' real calendars, or on a generated week. */
export async function runOptimizer(deps: PlanningDeps, body: OptimizeBody, defaultTimeLimitMs: number): Promise<OptimizeAnswer> {
  const timeLimitMs = body.timeLimitMs ?? defaultTimeLimitMs;
  if (body.sample) {
    const week = generateWeek({ seed: body.sample.seed, professionals: body.sample.professionals, requests: body.sample.requests, days: body.days });
    const result = await optimizeAssignments({ ...week, timeLimitMs });
    return answer(result, 'sample', week.professionals.length, week.requests.length, week.from, week.to);
  }
  if (body.requests === undefined) throw badRequest('OPTIMIZE_REQUESTS_INVALID', 'Give requests, or a sample to generate.');
  const parsed = parseOptimizeRequests(body.requests);
  if (!parsed.ok) throw parsed.error;
  const now = deps.clock.now().getTime();
  const from = Math.max(now, body.from === undefined ? now : Date.parse(body.from));
  const to = from + body.days * DAY;
  const professionals = await searchProfessionals(deps, await deps.profiles.all(deps.db), from, to);
  const result = await optimizeAssignments({ requests: parsed.value, professionals, from, to, now, timeLimitMs });
  return answer(result, 'profiles', professionals.length, parsed.value.length, from, to);
}

function answer(result: OptimizeResult, source: 'profiles' | 'sample', professionals: number, requests: number, from: number, to: number): OptimizeAnswer {
  return { ...result, fallback: result.method === 'greedy', input: { source, professionals, requests, from: new Date(from).toISOString(), to: new Date(to).toISOString() } };
}
