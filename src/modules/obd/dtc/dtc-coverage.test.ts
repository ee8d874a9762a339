import { describe, expect, it } from 'vitest';
import { describedCodes, englishDescription } from './english-descriptions.ts';
import { frenchDescription } from './french-description.ts';
import { dtcCoverage } from './index.ts';

// An English text that is only acronyms and numbers may stay the same in French.
const ACRONYMS_ONLY = /^[A-Z0-9/() -]+$/;

describe('coverage of the generic J2012 codes', () => {
  const coverage = dtcCoverage();

  it('gives French wording to at least 95% of the generic codes it ships', () => {
    const share = coverage.french / coverage.generic;
    console.log(`DTC coverage: ${coverage.generic} generic codes, ${coverage.french} in French (${(share * 100).toFixed(1)}%), ${coverage.english} in English`);
    expect(share).toBeGreaterThanOrEqual(0.95);
    expect(coverage.english).toBe(coverage.generic);
  });

  it('ships every defined code of the generic ranges the brief names', () => {
    const prefixes = new Set(describedCodes().map((code) => code.slice(0, 2)));
    expect([...prefixes].sort()).toEqual(['B0', 'C0', 'P0', 'P2', 'P3', 'U0', 'U3']);
    expect(describedCodes().filter((code) => /^P0\d{3}$/.test(code)).length).toBeGreaterThan(990);
  });

  it('never gives a French text equal to the English one, unless it is only acronyms', () => {
    const same = describedCodes().filter((code) => {
      const english = englishDescription(code) ?? '';
      return frenchDescription(english) === english && !ACRONYMS_ONLY.test(english);
    });
    expect(same).toEqual([]);
  });
});
