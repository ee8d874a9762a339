import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../platform/clock.ts';
import { openMigratedPglite, type TestDatabase } from '../../../../test/support/databases.ts';
import { kbisMigrations } from '../migrations.ts';
import type { CompanyRegistry, RegistryCompany } from './company-registry.ts';
import { RechercheEntreprisesRegistry } from './recherche-entreprises-registry.ts';
import { SqlCompanyRegistry } from './sql-company-registry.ts';
import { serveRegistryFixture } from './registry-fixture-server.ts';

const COMPANIES: RegistryCompany[] = [
  { siren: '732829320', name: 'GARAGE DU CENTRE', active: true, naf: '45.20A', closedOn: null },
  { siren: '552100554', name: 'VIEILLE AUTO', active: false, naf: '45.11Z', closedOn: '2019-06-30' },
  { siren: '356000000', name: 'LA POSTE', active: true, naf: '53.10Z', closedOn: null },
];

/** One contract, every adapter: the same companies seeded, the same answers expected. */
const adapters: { name: string; open(): Promise<{ registry: CompanyRegistry; close(): Promise<void> }> }[] = [
  {
    name: 'local SIRENE table',
    async open() {
      const test: TestDatabase = await openMigratedPglite(kbisMigrations);
      await SqlCompanyRegistry.upsert(test.db, COMPANIES);
      return { registry: new SqlCompanyRegistry(test.db), close: () => test.dispose() };
    },
  },
  {
    name: "API Recherche d'entreprises (fixture server on loopback)",
    async open() {
      const fixture = await serveRegistryFixture(COMPANIES);
      return { registry: new RechercheEntreprisesRegistry({ baseUrl: fixture.url, clock: systemClock }), close: () => fixture.close() };
    },
  },
];

for (const adapter of adapters) {
  describe(`company registry contract: ${adapter.name}`, () => {
    let registry: CompanyRegistry;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ registry, close } = await adapter.open());
    });
    afterAll(() => close());

    it('finds an active company with its name and NAF code', async () => {
      expect(await registry.lookup('732829320')).toEqual({ outcome: 'found', company: COMPANIES[0] });
    });

    it('reports a ceased company as inactive, with its closing date', async () => {
      expect(await registry.lookup('552100554')).toEqual({ outcome: 'found', company: COMPANIES[1] });
    });

    it('finds La Poste (its SIREN passes Luhn; the exception is for its SIRETs)', async () => {
      const found = await registry.lookup('356000000');
      expect(found.outcome === 'found' && found.company.name).toBe('LA POSTE');
    });

    it('answers not_found for an unknown SIREN and for something that is not one', async () => {
      expect(await registry.lookup('812345674')).toEqual({ outcome: 'not_found' });
      expect(await registry.lookup("1' OR 1=1")).toEqual({ outcome: 'not_found' });
    });
  });
}
