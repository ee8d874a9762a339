import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseNaf, registryLookupFor } from './company-registry.ts';

describe('NAF codes', () => {
  it('read SIRENE and API spellings alike', () => {
    expect(normaliseNaf('4520A')).toBe('45.20A');
    expect(normaliseNaf(' 45.20a ')).toBe('45.20A');
    expect(normaliseNaf('NAFRev2')).toBeNull();
  });

  it('are idempotent and always of the form 00.00A, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{2}\.?\d{2}[A-Za-z]$/)), (s) => {
        const n = normaliseNaf(s);
        if (n !== null) {
          expect(n).toMatch(/^\d{2}\.\d{2}[A-Z]$/);
          expect(normaliseNaf(n)).toBe(n);
        }
      }),
    );
  });
});

describe('registry lookups for a read SIREN', () => {
  it('ask nothing for a missing or invalid SIREN, and ask for La Poste', async () => {
    const asked: string[] = [];
    const registry = {
      name: 'spy',
      lookup: async (s: string) => {
        asked.push(s);
        return { outcome: 'not_found' as const };
      },
    };
    expect((await registryLookupFor(registry, null)).outcome).toBe('unavailable');
    expect((await registryLookupFor(registry, '732829321')).outcome).toBe('unavailable');
    await registryLookupFor(registry, '356000000');
    await registryLookupFor(registry, '732829320');
    expect(asked).toEqual(['356000000', '732829320']);
  });
});
