import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { decodeCursor, encodeCursor, MAX_CURSOR_LENGTH, type CursorPosition } from './cursor.ts';

const cursorValue = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
);
const position: fc.Arbitrary<CursorPosition> = fc.dictionary(fc.string(), cursorValue, { maxKeys: 5, noNullPrototype: true });

function expectCursorInvalid(run: () => unknown): void {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).code).toBe('CURSOR_INVALID');
    return;
  }
  throw new Error('expected CURSOR_INVALID');
}

describe('cursor codec', () => {
  it('gives back the position it encoded, for any small JSON position', () => {
    fc.assert(
      fc.property(position, (p) => {
        const cursor = encodeCursor(p);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeCursor(cursor)).toStrictEqual(p);
      }),
    );
  });

  it('either decodes arbitrary strings to a position or throws CURSOR_INVALID, never anything else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), fc.stringMatching(/^[A-Za-z0-9_-]{0,64}$/)), (input) => {
        let decoded: unknown;
        try {
          decoded = decodeCursor(input);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('CURSOR_INVALID');
          return;
        }
        expect(typeof decoded).toBe('object');
        expect(Array.isArray(decoded)).toBe(false);
      }),
    );
  });

  it('rejects base64url of JSON that is not a flat position object', () => {
    fc.assert(
      fc.property(
        fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v) || Object.values(v).some((x) => typeof x === 'object' && x !== null)),
        (value) => {
          expectCursorInvalid(() => decodeCursor(Buffer.from(JSON.stringify(value)).toString('base64url')));
        },
      ),
    );
  });

  it('rejects empty, oversized, non-base64url and non-UTF-8 input', () => {
    expectCursorInvalid(() => decodeCursor(''));
    expectCursorInvalid(() => decodeCursor('a'.repeat(MAX_CURSOR_LENGTH + 1)));
    expectCursorInvalid(() => decodeCursor('eyJzayI6IngifQ=='));
    expectCursorInvalid(() => decodeCursor('not a cursor!'));
    expectCursorInvalid(() => decodeCursor(Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')));
  });

  it('checks the decoded position against a schema when one is given', () => {
    const schema = z.object({ sk: z.string() });
    expect(decodeCursor(encodeCursor({ sk: 'ORDER#1' }), schema)).toEqual({ sk: 'ORDER#1' });
    expectCursorInvalid(() => decodeCursor(encodeCursor({ sk: 42 }), schema));
    expectCursorInvalid(() => decodeCursor(encodeCursor({ other: 'x' }), schema));
  });

  it('refuses to encode numbers that JSON would not give back unchanged', () => {
    expect(() => encodeCursor({ n: Number.NaN })).toThrow(TypeError);
    expect(() => encodeCursor({ n: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => encodeCursor({ n: -0 })).toThrow(TypeError);
  });
});
