import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEventInput, checkSubscription, patternMatches } from './event-rules.ts';

const typeChars = fc.stringMatching(/^[a-z0-9._-]{1,20}$/);

describe('patternMatches', () => {
  it('matches every type starting with the prefix of a pattern ending in *', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9._-]{0,20}$/), typeChars, (prefix, rest) => patternMatches(`${prefix}*`, prefix + rest)));
  });

  it('matches an exact pattern to that type only', () => {
    fc.assert(fc.property(typeChars, typeChars, (pattern, type) => patternMatches(pattern, type) === (pattern === type)));
  });

  it('does not match a prefix pattern to a type that only shares the start of a word', () => {
    expect(patternMatches('vehicle.*', 'vehicles.created')).toBe(false);
    expect(patternMatches('vehicle.*', 'vehicle')).toBe(false);
  });
});

describe('checkSubscription', () => {
  it('accepts exact types, prefixes ending in * and * alone', () => {
    for (const pattern of ['vehicle.created', 'vehicle.*', 'vehicle*', '*']) expect(() => checkSubscription('a.b', pattern)).not.toThrow();
  });

  it('refuses a * anywhere but at the end, and empty patterns', () => {
    for (const pattern of ['', '**', '*.created', 'vehicle.*.created']) {
      expect(() => checkSubscription('a.b', pattern)).toThrow(expect.objectContaining({ code: 'SUBSCRIPTION_INVALID' }));
    }
  });
});

describe('checkEventInput', () => {
  it('returns the JSON text of the data', () => {
    expect(checkEventInput({ type: 'a.b', source: 's', data: { x: [1, 'y', null] } })).toBe('{"x":[1,"y",null]}');
  });

  it('refuses data that is not JSON', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const data of [undefined, cyclic, 10n]) {
      expect(() => checkEventInput({ type: 'a.b', source: 's', data: data as never })).toThrow(expect.objectContaining({ status: 400, code: 'EVENT_INVALID' }));
    }
  });
});
