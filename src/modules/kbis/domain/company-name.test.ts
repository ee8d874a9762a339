import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { companyNamesMatch, normaliseCompanyName, personNamesMatch } from './company-name.ts';

describe('company names', () => {
  it('match across case, accents, punctuation and legal-form words', () => {
    expect(companyNamesMatch("S.A.R.L. Garage de l'Étoile", 'GARAGE ETOILE')).toBe(true);
    expect(companyNamesMatch('Garage Dupont SAS', 'garage dupont')).toBe(true);
    expect(companyNamesMatch('Garage Dupont', 'Garage Durand')).toBe(false);
  });

  it('never match an empty name, and normalising is idempotent', () => {
    expect(companyNamesMatch('SARL', 'SAS')).toBe(false);
    // A dropped word between two initials: the initials end up joined, on the first pass too.
    expect(normaliseCompanyName('B La 0')).toBe(normaliseCompanyName(normaliseCompanyName('B La 0')));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^([A-Za-z0-9]{1,2}|la|de|sarl)( ([A-Za-z0-9]{1,2}|la|de|sarl)){0,6}$/)), (s) => {
        expect(normaliseCompanyName(normaliseCompanyName(s))).toBe(normaliseCompanyName(s));
      }),
    );
  });

  it('match a name with itself in any case', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-zÀ-ÿ]{3,12}( [A-Za-zÀ-ÿ]{3,12}){0,3}$/), (s) => {
      if (normaliseCompanyName(s) !== '') expect(companyNamesMatch(s.toUpperCase(), s.toLowerCase())).toBe(true);
    }));
  });
});

describe('person names', () => {
  it('match in any order, with initials for given names', () => {
    expect(personNamesMatch('Jean Dupont', 'DUPONT Jean')).toBe(true);
    expect(personNamesMatch('J. Dupont', 'DUPONT Jean Pierre')).toBe(true);
    expect(personNamesMatch('Hélène Lefèvre', 'LEFEVRE Helene')).toBe(true);
    expect(personNamesMatch('Paul Dupont', 'DUPONT Jean')).toBe(false);
    expect(personNamesMatch('J.', 'DUPONT Jean')).toBe(false);
  });
});
