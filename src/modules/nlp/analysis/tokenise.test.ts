import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';
import { normaliseText } from './normalise.ts';
import { readText, tokenAt } from './tokenise.ts';

const language = (text: string, locale?: string) => detectLanguage(readText(text).tokens, locale);

describe('normaliseText', () => {
  it('folds case and accents, splits elisions and hyphens, keeps digits', () => {
    expect(normaliseText("L'Accélération à 3000 TR/MIN, pare-brise")).toBe('l acceleration a 3000 tr/min, pare brise');
    expect(normaliseText('Œil, Ça')).toBe('oeil, ca');
  });

  it('rewrites SMS style and common misspellings', () => {
    expect(normaliseText('jai un pb qd je freinne, embrayge HS')).toBe('j ai un probleme quand je freine, embrayage hs');
    expect(normaliseText('my breaks r squeeking, pls help')).toBe('my brakes are squeaking, please help');
    expect(normaliseText('ma caisse broute, voyan moteure allumé')).toBe('ma voiture broute, voyant moteur allume');
  });
});

describe('readText', () => {
  it('gives every word with its offset in the normalised text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }), (text) => {
        const read = readText(text);
        return read.tokens.every(
          (t, i) =>
            read.normalised.slice(t.start, t.start + t.text.length) === t.text &&
            tokenAt(read, t.start) === t &&
            (i === 0 || read.tokens[i - 1]!.start < t.start),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('detectLanguage', () => {
  it('tells French from English, slang and SMS included', () => {
    expect(language('ma bagnole broute qd jaccélère')).toBe('fr');
    expect(language('my car shakes when I brake')).toBe('en');
  });

  it('gives mixed text to the language most of its words belong to', () => {
    expect(language('ma caisse fait un grinding noise quand je freine')).toBe('fr');
    expect(language('the brakes font un bruit when I stop at the lights')).toBe('en');
  });

  it('falls back to the locale, then to French, when the words do not tell', () => {
    expect(language('P0301', 'en-US')).toBe('en');
    expect(language('P0301')).toBe('fr');
  });
});
