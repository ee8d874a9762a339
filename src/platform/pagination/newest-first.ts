import { z } from 'zod';
import { decodeCursor, encodeCursor, invalidCursor } from './cursor.ts';
import { resolveLimit, type LimitBounds } from './limits.ts';

/** One page of a cursor-paginated list; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Where a newest-first page stopped: the last item's time, and its id to break ties. */
export interface TimePosition {
  at: Date;
  id: string;
}

export interface PageBounds extends LimitBounds {
  /** Which ids a position may hold (e.g. isUuid for a uuid column, so a forged cursor never reaches SQL as a bad cast). */
  isValidId?: (id: string) => boolean;
}

const PositionSchema = z.object({ at: z.string().max(40), id: z.string().min(1).max(128) });

/**
 * One page of a list ordered newest first by (time, id), keyset-paginated: `fetch(after, n)`
 * returns up to `n` rows strictly before `after` in that order (all rows when `after` is
 * undefined). One extra row is asked for to know whether another page follows.
 * A malformed cursor is AppError 400 `CURSOR_INVALID`; the limit follows {@link resolveLimit}.
 *
 * @example
 * return newestFirstPage(options, { defaultLimit: 20, maxLimit: 100 }, (after, n) =>
 *   queryRows(after, n), (item) => ({ at: item.createdAt, id: item.id }));
 */
export async function newestFirstPage<T>(
  options: { limit?: number; cursor?: string },
  bounds: PageBounds,
  fetch: (after: TimePosition | undefined, n: number) => Promise<T[]>,
  positionOf: (item: T) => TimePosition,
): Promise<Page<T>> {
  const limit = resolveLimit(options.limit, bounds);
  let after: TimePosition | undefined;
  if (options.cursor !== undefined) {
    const raw = decodeCursor(options.cursor, PositionSchema);
    const at = new Date(raw.at);
    if (Number.isNaN(at.getTime())) throw invalidCursor('bad position');
    if (bounds.isValidId && !bounds.isValidId(raw.id)) throw invalidCursor('bad position');
    after = { at, id: raw.id };
  }
  const rows = await fetch(after, limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  if (rows.length <= limit || last === undefined) return { items, nextCursor: null };
  const position = positionOf(last);
  return { items, nextCursor: encodeCursor({ at: position.at.toISOString(), id: position.id }) };
}
