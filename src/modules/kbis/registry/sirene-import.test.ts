import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedPglite, type TestDatabase } from '../../../../test/support/databases.ts';
import { kbisMigrations } from '../migrations.ts';
import { importSireneStock, type ImportSource } from './sirene-import.ts';
import { companyFromSireneRecord } from './sirene-row.ts';
import { SqlCompanyRegistry } from './sql-company-registry.ts';

const HEADER = 'siren,statutDiffusionUniteLegale,dateCreationUniteLegale,prenom1UniteLegale,prenomUsuelUniteLegale,nomUniteLegale,nomUsageUniteLegale,denominationUniteLegale,denominationUsuelle1UniteLegale,categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,etatAdministratifUniteLegale,dateDebut';

function stockFile(rows: number, base = 100_000_000): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const siren = String(base + i);
    lines.push(i % 10 === 3 ? `${siren},O,2001-01-01,Jean,Jean,DUPONT,,,,1000,45.20A,A,2001-01-01` : `${siren},O,2001-01-01,,,,,"GARAGE ""N°${i}"", ET FILS",,5499,${i % 7 === 0 ? '56.10A' : '45.20A'},${i % 5 === 0 ? 'C' : 'A'},2020-05-04`);
  }
  lines.push('not-a-siren,O,,,,,,X,,,,A,');
  return `${lines.join('\n')}\n`;
}

const sourceOf = (csv: string, key: string): ImportSource => ({
  key,
  totalBytes: Buffer.byteLength(csv),
  open: (start) => Readable.from([Buffer.from(csv).subarray(start)]),
});

describe('SIRENE stock import', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openMigratedPglite(kbisMigrations);
  });
  afterAll(() => test.dispose());

  it('imports every company of the file, names quoted, sole traders by their name, closed ones inactive', async () => {
    const progress: number[] = [];
    const done = await importSireneStock(test.db, sourceOf(stockFile(1200), 'full.csv'), { batchRows: 300, onProgress: (p) => progress.push(p.rows) });
    expect(done).toMatchObject({ status: 'done', rows: 1200, skipped: 1 });
    expect(progress.length).toBeGreaterThan(2);
    const registry = new SqlCompanyRegistry(test.db);
    expect(await registry.lookup('100000005')).toEqual({ outcome: 'found', company: { siren: '100000005', name: 'GARAGE "N°5", ET FILS', active: false, naf: '45.20A', closedOn: '2020-05-04' } });
    expect(await registry.lookup('100000003')).toMatchObject({ outcome: 'found', company: { name: 'Jean DUPONT', active: true } });
  });

  it('resumes after a crash where the last committed batch ended, importing each row once', async () => {
    const csv = stockFile(1500, 200_000_000);
    // The process dies after its second batch committed.
    const crashAfterTwo = (p: { rows: number }) => {
      if (p.rows >= 600) throw new Error('killed');
    };
    await expect(importSireneStock(test.db, sourceOf(csv, 'crash.csv'), { batchRows: 300, onProgress: crashAfterTwo })).rejects.toThrow('killed');
    const { rows } = await test.db.query<{ rows_done: number; status: string }>("SELECT rows_done, status FROM kbis_registry_imports WHERE source = 'crash.csv'");
    expect(rows[0]).toMatchObject({ status: 'failed', rows_done: 600 });
    const { rows: companies } = await test.db.query<{ n: number }>("SELECT count(*)::int AS n FROM kbis_registry_companies WHERE siren >= '200000000'");
    expect(companies[0]!.n).toBe(600);
    const resumed = await importSireneStock(test.db, sourceOf(csv, 'crash.csv'), { batchRows: 300 });
    expect(resumed).toMatchObject({ status: 'done', rows: 1500, skipped: 1 });
  });

  it('refuses a file that is not a StockUniteLegale', async () => {
    await expect(importSireneStock(test.db, sourceOf('a,b\n1,2\n', 'other.csv'))).rejects.toMatchObject({ code: 'REGISTRY_FILE_INVALID' });
  });
});

describe('SIRENE records', () => {
  it('never throw and keep only 9-digit SIRENs', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('siren', 'denominationUniteLegale', 'etatAdministratifUniteLegale', 'activitePrincipaleUniteLegale', 'dateDebut', 'nomUniteLegale'), fc.string()), (record) => {
        const c = companyFromSireneRecord(record);
        if (c) {
          expect(c.siren).toMatch(/^\d{9}$/);
          expect(c.naf === null || /^\d{2}\.\d{2}[A-Z]$/.test(c.naf)).toBe(true);
        }
      }),
    );
  });
});
