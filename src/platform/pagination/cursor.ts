import type { z } from 'zod';
import { AppError } from '../errors.ts';

/** A value a cursor position may hold: what survives a JSON round trip unchanged. */
export type CursorValue = string | number | boolean | null;

/** Where a page stopped, e.g. `{ sk: 'ORDER#0042' }` or `{ at: '2026-01-01T00:00:00Z', id: '…' }`. */
export type CursorPosition = Readonly<Record<string, CursorValue>>;

/** Longest cursor accepted: positions are small, and a query string should not carry megabytes. */
export const MAX_CURSOR_LENGTH = 2048;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The one error a bad cursor produces: a client fault (400), never a 500. */
export function invalidCursor(reason: string): AppError {
  return new AppError(400, 'CURSOR_INVALID', `The pagination cursor is invalid: ${reason}.`);
}

/**
 * Encodes a page position as an opaque, URL-safe string (base64url of its JSON).
 * The cursor is opaque, not secret: decoders must validate what they read back.
 *
 * @example
 * const cursor = encodeCursor({ sk: lastItem.sk });
 */
export function encodeCursor(position: CursorPosition): string {
  for (const [key, value] of Object.entries(position)) {
    // NaN and ±Infinity would come back as null, and -0 as 0: refuse what would not round-trip.
    if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) {
      throw new TypeError(`cursor field ${key} is not a finite JSON number`);
    }
  }
  const cursor = Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
  if (cursor.length > MAX_CURSOR_LENGTH) throw new TypeError('cursor position is too large');
  return cursor;
}

/**
 * Decodes a cursor made by {@link encodeCursor}. Any malformed input (wrong alphabet, bad JSON,
 * not an object, too long, or not matching `schema`) throws AppError 400 `CURSOR_INVALID`.
 *
 * @example
 * const { sk } = decodeCursor(query.cursor, z.object({ sk: z.string() }));
 */
export function decodeCursor(cursor: string): CursorPosition;
export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.output<S>;
export function decodeCursor(cursor: string, schema?: z.ZodType): unknown {
  if (typeof cursor !== 'string' || cursor.length === 0) throw invalidCursor('empty');
  if (cursor.length > MAX_CURSOR_LENGTH) throw invalidCursor('too long');
  if (!BASE64URL.test(cursor)) throw invalidCursor('not base64url');
  let parsed: unknown;
  try {
    parsed = JSON.parse(strictUtf8.decode(Buffer.from(cursor, 'base64url')));
  } catch {
    throw invalidCursor('not a JSON document');
  }
  if (!isPosition(parsed)) throw invalidCursor('not a position object');
  if (!schema) return parsed;
  const result = schema.safeParse(parsed);
  if (!result.success) throw invalidCursor('unexpected position fields');
  return result.data;
}

function isPosition(value: unknown): value is CursorPosition {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
}
