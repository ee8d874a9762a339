import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmailSchema, text } from './text.ts';

describe('text()', () => {
  const name = text({ max: 20 });

  it('accepts ordinary text, trimmed and NFC-normalised', () => {
    expect(name.parse('  Garage  ')).toBe('Garage');
    expect(name.parse('Citroe\u0308n')).toBe('Citroën');
  });

  it('refuses NUL and other control characters, lone surrogates, empty and over-long text', () => {
    for (const bad of ['N\u0000', 'a\u0007b', 'Ω≈ç√\udfff', '\ud800x', '   ', 'x'.repeat(21), 'a\nb']) expect(name.safeParse(bad).success).toBe(false);
    expect(text({ max: 20, multiline: true }).parse('line 1\nline 2')).toBe('line 1\nline 2');
  });

  it('never lets through a string PostgreSQL could refuse (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const r = name.safeParse(s);
        if (r.success) {
          expect(r.data.isWellFormed()).toBe(true);
          expect(r.data).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
          expect(r.data.length).toBeGreaterThan(0);
          expect(r.data.length).toBeLessThanOrEqual(20);
        }
      }),
    );
  });
});

describe('EmailSchema', () => {
  it('lower-cases, and refuses addresses over 254 characters', () => {
    expect(EmailSchema.parse(' Camille@Example.FR ')).toBe('camille@example.fr');
    expect(EmailSchema.safeParse(`${'a'.repeat(250)}@example.fr`).success).toBe(false);
    expect(EmailSchema.safeParse(`${'a'.repeat(3000)}@example.fr`).success).toBe(false);
    expect(EmailSchema.safeParse('a\u0000@example.fr').success).toBe(false);
  });
});
