import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { encodeCursor } from './cursor.ts';
import { newestFirstPage, type TimePosition } from './newest-first.ts';

interface Item {
  at: Date;
  id: string;
}

/** What a SQL `WHERE (at, id) < (...) ORDER BY at DESC, id DESC LIMIT n` returns, in memory. */
function fetcher(all: Item[]) {
  const sorted = [...all].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return async (after: TimePosition | undefined, n: number) =>
    sorted
      .filter((i) => !after || i.at.getTime() < after.at.getTime() || (i.at.getTime() === after.at.getTime() && i.id < after.id))
      .slice(0, n);
}

const bounds = { defaultLimit: 3, maxLimit: 5 };
const itemArb = fc.record({ at: fc.integer({ min: 0, max: 20 }).map((s) => new Date(Date.UTC(2026, 0, 1, 0, 0, s))), id: fc.uuid() });

describe('newestFirstPage', () => {
  it('walks every item exactly once, newest first, whatever the ties on time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(itemArb, { selector: (i) => i.id, maxLength: 30 }), fc.integer({ min: 1, max: 5 }), async (items, limit) => {
        const fetch = fetcher(items);
        const seen: Item[] = [];
        let cursor: string | undefined;
        do {
          const page = await newestFirstPage({ limit, ...(cursor ? { cursor } : {}) }, bounds, fetch, (i) => i);
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toEqual(await fetch(undefined, items.length));
      }),
      { numRuns: 100 },
    );
  });

  it('clamps the limit to its bounds', async () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ at: new Date(i * 1000), id: `id-${i}` }));
    expect((await newestFirstPage({ limit: 99 }, bounds, fetcher(items), (i) => i)).items).toHaveLength(5);
    expect((await newestFirstPage({ limit: 0 }, bounds, fetcher(items), (i) => i)).items).toHaveLength(1);
    expect((await newestFirstPage({}, bounds, fetcher(items), (i) => i)).items).toHaveLength(3);
  });

  it('answers any malformed cursor with CURSOR_INVALID, before fetching', async () => {
    const never = async () => {
      throw new Error('fetched');
    };
    const forged = [
      encodeCursor({ at: 'yesterday', id: 'x' }),
      encodeCursor({ at: '2026-01-01T00:00:00.000Z', id: 'not-a-uuid' }),
      encodeCursor({ at: 5, id: 'x' }),
    ];
    for (const cursor of forged) {
      await expect(newestFirstPage({ cursor }, { ...bounds, isValidId: isUuid }, never, (i: Item) => i)).rejects.toMatchObject({ status: 400, code: 'CURSOR_INVALID' });
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (cursor) => {
        const err = await newestFirstPage({ cursor }, { ...bounds, isValidId: isUuid }, never, (i: Item) => i).catch((e: unknown) => e);
        return err instanceof AppError && err.code === 'CURSOR_INVALID';
      }),
    );
  });
});
