import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { sniffDocumentType } from './document-type.ts';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error instanceof AppError ? `${error.status} ${error.code}` : 'other';
  }
  return 'none';
};

describe('sniffDocumentType', () => {
  it('recognises PNG, JPEG and PDF by their magic bytes whatever follows', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (tail) => {
        expect(sniffDocumentType(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...tail))).toBe('image/png');
        expect(sniffDocumentType(Uint8Array.of(0xff, 0xd8, 0xff, ...tail))).toBe('image/jpeg');
        expect(sniffDocumentType(Uint8Array.of(...Buffer.from('%PDF-1.7\n'), ...tail))).toBe('application/pdf');
      }),
    );
  });

  it('finds a PDF header after junk in the first kilobyte', () => {
    expect(sniffDocumentType(Buffer.from(`${' '.repeat(500)}%PDF-1.4\n`))).toBe('application/pdf');
    expect(codeOf(() => sniffDocumentType(Buffer.from(`${' '.repeat(1100)}%PDF-1.4\n`)))).toBe('415 UNSUPPORTED_DOCUMENT_TYPE');
  });

  it('refuses anything else with 415 and never throws another error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 256 }), (bytes) => {
        const code = codeOf(() => sniffDocumentType(bytes));
        expect(['none', '415 UNSUPPORTED_DOCUMENT_TYPE']).toContain(code);
      }),
    );
    expect(codeOf(() => sniffDocumentType(Buffer.from('GIF89a……')))).toBe('415 UNSUPPORTED_DOCUMENT_TYPE');
    expect(codeOf(() => sniffDocumentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')))).toBe('415 UNSUPPORTED_DOCUMENT_TYPE');
  });

  it('calls an empty document empty', () => {
    expect(codeOf(() => sniffDocumentType(new Uint8Array()))).toBe('400 DOCUMENT_EMPTY');
  });
});
