import { z } from '@hono/zod-openapi';
import { decodeCursor, encodeCursor, invalidCursor } from '../pagination/cursor.ts';
import { PAGE_LIMITS, resolveLimit } from '../pagination/limits.ts';
import type { Page } from '../pagination/newest-first.ts';

/** `?limit=&cursor=` of every list endpoint. */
export const PageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .optional()
    .transform((n) => resolveLimit(n, PAGE_LIMITS))
    .openapi({ type: 'integer', description: `Items per page (default ${PAGE_LIMITS.defaultLimit}; clamped to 1-${PAGE_LIMITS.maxLimit})` }),
  cursor: z.string().max(2048).optional().openapi({ description: 'The `next_cursor` of the previous page' }),
});

export type PageQuery = z.output<typeof PageQuerySchema>;

/** The envelope of every list response. */
export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() }).openapi(name);
}

/** A page as the API sends it: `{items, next_cursor}`. */
export function pageBody<T, U>(page: Page<T>, view: (item: T) => U): { items: U[]; next_cursor: string | null } {
  return { items: page.items.map(view), next_cursor: page.nextCursor };
}

const AfterSchema = z.object({ after: z.string().max(64) });

/**
 * Keyset pagination over a time-ordered id (UUIDv7) in ascending order: `fetch(afterId, n)`
 * returns up to `n` rows with id > afterId. One extra row is asked for to know whether a next
 * page exists. A cursor whose id `isValidId` refuses is AppError 400 `CURSOR_INVALID`.
 */
export async function keysetPage<T extends { id: string }>(
  query: { limit?: number; cursor?: string | undefined },
  isValidId: (id: string) => boolean,
  fetch: (afterId: string | undefined, limit: number) => Promise<T[]>,
): Promise<Page<T>> {
  const limit = resolveLimit(query.limit, PAGE_LIMITS);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, AfterSchema).after;
  if (after !== undefined && !isValidId(after)) throw invalidCursor('bad position');
  const rows = await fetch(after, limit + 1);
  const items = rows.slice(0, limit);
  const next = rows.length > limit ? encodeCursor({ after: items[items.length - 1]!.id }) : null;
  return { items, nextCursor: next };
}
