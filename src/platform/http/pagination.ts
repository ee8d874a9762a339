import { z } from '@hono/zod-openapi';
import { decodeCursor, encodeCursor } from '../pagination/cursor.ts';

/** `?limit=&cursor=` of every list endpoint. */
export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: 'Items per page (1-100)' }),
  cursor: z.string().max(2048).optional().openapi({ description: 'The `next_cursor` of the previous page' }),
});

export type PageQuery = z.infer<typeof PageQuerySchema>;

/** The envelope of every list response. */
export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() }).openapi(name);
}

const AfterSchema = z.object({ after: z.string().max(64) });

/**
 * Keyset pagination over a time-ordered id (UUIDv7): `fetch(afterId, n)` returns up to `n`
 * rows with id > afterId in id order. One extra row is asked for to know whether a next page exists.
 */
export async function keysetPage<T extends { id: string }>(
  query: PageQuery,
  fetch: (afterId: string | undefined, limit: number) => Promise<T[]>,
): Promise<{ items: T[]; next_cursor: string | null }> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, AfterSchema).after;
  const rows = await fetch(after, query.limit + 1);
  const items = rows.slice(0, query.limit);
  const next = rows.length > query.limit ? encodeCursor({ after: items[items.length - 1]!.id }) : null;
  return { items, next_cursor: next };
}
