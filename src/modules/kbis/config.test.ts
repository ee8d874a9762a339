import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kbisConfig } from './config.ts';

describe('KBIS configuration', () => {
  it('has the issue’s defaults', () => {
    expect(kbisConfig.parse({})).toEqual({
      registry: { kind: 'local', url: 'https://recherche-entreprises.api.gouv.fr', requestsPerSecond: 6 },
      policy: { extraAutomotiveNaf: [], maxAgeMonths: 3 },
      representativeRequired: false,
      retentionDays: 90,
      recheckDays: 365,
    });
  });

  it('reads extra automotive codes in either spelling, and prefixes', () => {
    expect(kbisConfig.parse({ KBIS_AUTOMOTIVE_NAF: '3317Z, 77.11 ,77.12a' }).policy.extraAutomotiveNaf).toEqual(['33.17Z', '77.11', '77.12A']);
    expect(kbisConfig.safeParse({ KBIS_AUTOMOTIVE_NAF: '45.2' }).success).toBe(false);
    expect(kbisConfig.safeParse({ KBIS_REGISTRY_REQUESTS_PER_SECOND: '50' }).success).toBe(false);
  });

  it('never throws on any value, and every code it keeps is well formed', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = kbisConfig.safeParse({ KBIS_AUTOMOTIVE_NAF: s });
        if (r.success) for (const c of r.data.policy.extraAutomotiveNaf) expect(c).toMatch(/^\d{2}\.\d{2}[A-Z]?$/);
      }),
    );
  });
});
