import { AppError } from '../errors.ts';

/** How many items a page may hold. */
export interface LimitBounds {
  defaultLimit: number;
  maxLimit: number;
}

/** The platform's one limit policy for lists served to users: 20 by default, at most 100. */
export const PAGE_LIMITS: LimitBounds = { defaultLimit: 20, maxLimit: 100 };

/**
 * The one limit policy, for every list (HTTP pages, key-value queries, port listings): absent
 * is the default, a number outside [1, max] is clamped into it, anything that is not an
 * integer is AppError 400 `LIMIT_INVALID`.
 */
export function resolveLimit(limit: unknown, bounds: LimitBounds): number {
  if (limit === undefined) return bounds.defaultLimit;
  if (typeof limit !== 'number' || !Number.isInteger(limit)) throw new AppError(400, 'LIMIT_INVALID', 'The page limit must be a whole number.');
  return Math.min(bounds.maxLimit, Math.max(1, limit));
}
