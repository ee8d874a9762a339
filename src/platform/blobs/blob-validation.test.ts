import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  assertValidBlobKey,
  assertValidBlobMetadata,
  assertValidBlobPrefix,
  blobListLimit,
  decodeBlobCursor,
  encodeBlobCursor,
} from './blob-validation.ts';

const segment = fc
  .stringMatching(/^[A-Za-z0-9!_.'()=-]{1,30}$/)
  .filter((s) => s !== '.' && s !== '..');
const blobKey = fc.array(segment, { minLength: 1, maxLength: 6 }).map((segments) => segments.join('/'));
// Characters that matter to key rules (separators, dots, control, non-ASCII), so random strings hit them often.
const trickyChar = fc.constantFrom('a', 'Z', '0', '/', '.', '-', '_', '=', '(', '\u0000', '\n', ' ', '\\', '~', '*', '%', 'é', '😀');
const trickyString = (maxLength: number) => fc.string({ unit: trickyChar, maxLength });

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return error.code;
  }
}

describe('blob keys', () => {
  it('accept relative paths of safe characters', () => {
    fc.assert(
      fc.property(blobKey, (key) => {
        expect(codeOf(() => assertValidBlobKey(key))).toBeUndefined();
      }),
    );
  });

  it.each([
    ['empty', ''],
    ['absolute', '/etc/passwd'],
    ['parent segment', 'a/../b'],
    ['leading parent', '../secret'],
    ['current segment', 'a/./b'],
    ['double slash', 'a//b'],
    ['trailing slash', 'a/'],
    ['NUL', 'a\u0000b'],
    ['backslash', 'a\\..\\b'],
    ['space', 'a b'],
    ['non-ASCII', 'carte-grisé.pdf'],
    ['too long', 'a'.repeat(1025)],
    ['too long a segment', 'a'.repeat(251)],
  ])('reject a key that is %s with 400 BLOB_KEY_INVALID', (_why, key) => {
    expect(() => assertValidBlobKey(key)).toThrow(expect.objectContaining({ status: 400, code: 'BLOB_KEY_INVALID' }));
  });

  it('either accept any string or reject it with BLOB_KEY_INVALID, never anything else', () => {
    fc.assert(
      fc.property(trickyString(40), (text) => {
        expect([undefined, 'BLOB_KEY_INVALID']).toContain(codeOf(() => assertValidBlobKey(text)));
      }),
    );
  });

  it('accept as prefix any start of a valid key, and refuse prefixes that climb out', () => {
    fc.assert(
      fc.property(blobKey, fc.nat(), (key, cut) => {
        expect(codeOf(() => assertValidBlobPrefix(key.slice(0, cut % (key.length + 1))))).toBeUndefined();
      }),
    );
    expect(codeOf(() => assertValidBlobPrefix('../'))).toBe('BLOB_KEY_INVALID');
    expect(codeOf(() => assertValidBlobPrefix('/a'))).toBe('BLOB_KEY_INVALID');
  });
});

describe('blob listing cursors', () => {
  it('give back the key they were made from', () => {
    fc.assert(
      fc.property(blobKey, (key) => {
        expect(decodeBlobCursor(encodeBlobCursor(key))).toBe(key);
      }),
    );
  });

  it('reject anything else with 400 CURSOR_INVALID', () => {
    fc.assert(
      fc.property(fc.oneof(trickyString(60), fc.base64String({ maxLength: 60 }), blobKey.map(encodeBlobCursor).map((c) => c.slice(1))), (text) => {
        const code = codeOf(() => decodeBlobCursor(text));
        if (code === undefined) expect(encodeBlobCursor(decodeBlobCursor(text))).toBe(text);
        else expect(code).toBe('CURSOR_INVALID');
      }),
    );
    expect(codeOf(() => decodeBlobCursor(Buffer.from('k:../x').toString('base64url')))).toBe('CURSOR_INVALID');
  });
});

describe('blob metadata and page size', () => {
  it('accept S3-style metadata and refuse other names or oversized sets', () => {
    expect(codeOf(() => assertValidBlobMetadata({ 'original-name': 'kbis.pdf', org_id: '42' }))).toBeUndefined();
    expect(codeOf(() => assertValidBlobMetadata({ 'Original-Name': 'x' }))).toBe('BLOB_METADATA_INVALID');
    expect(codeOf(() => assertValidBlobMetadata({ big: 'x'.repeat(2100) }))).toBe('BLOB_METADATA_INVALID');
  });

  it('default the page size to 100 and refuse values outside 1..1000', () => {
    expect(blobListLimit(undefined)).toBe(100);
    expect(blobListLimit(1000)).toBe(1000);
    for (const bad of [0, 1001, 2.5, Number.NaN]) expect(codeOf(() => blobListLimit(bad))).toBe('LIMIT_INVALID');
  });
});
