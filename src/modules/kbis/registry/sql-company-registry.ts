import type { SqlExecutor } from '../../../platform/ports/sql.ts';
import type { CompanyRegistry, RegistryCompany, RegistryLookup } from './company-registry.ts';

interface CompanyRow {
  siren: string;
  name: string;
  active: boolean;
  naf: string | null;
  closed_on: string | null;
}

/**
 * The local registry adapter: the `kbis_registry_companies` table, filled from the INSEE
 * SIRENE stock file (`novaevo registry import`, or the admin upload). An empty table answers
 * `unavailable` (nothing was imported yet), never `not_found` for every company.
 */
export class SqlCompanyRegistry implements CompanyRegistry {
  readonly name = 'local-sirene';
  constructor(private readonly db: SqlExecutor) {}

  async lookup(siren: string): Promise<RegistryLookup> {
    if (!/^\d{9}$/.test(siren)) return { outcome: 'not_found' };
    const { rows } = await this.db.query<CompanyRow>("SELECT siren, name, active, naf, to_char(closed_on, 'YYYY-MM-DD') AS closed_on FROM kbis_registry_companies WHERE siren = $1", [siren]);
    const r = rows[0];
    if (r) return { outcome: 'found', company: { siren: r.siren, name: r.name, active: r.active, naf: r.naf, closedOn: r.closed_on } };
    const any = await this.db.query('SELECT 1 FROM kbis_registry_companies LIMIT 1');
    return any.rowCount === 0 ? { outcome: 'unavailable', reason: 'the local registry is empty: import the SIRENE stock file' } : { outcome: 'not_found' };
  }

  /** Inserts or replaces companies (one statement per batch). */
  static async upsert(db: SqlExecutor, companies: readonly RegistryCompany[]): Promise<void> {
    // One statement may not update a row twice: when a file repeats a SIREN, its last row wins.
    const unique = [...new Map(companies.map((c) => [c.siren, c])).values()];
    if (unique.length === 0) return;
    const params: unknown[] = [];
    const values = unique.map((c) => `($${params.push(c.siren)}, $${params.push(c.name)}, $${params.push(c.active)}, $${params.push(c.naf)}, $${params.push(c.closedOn)}::date)`);
    await db.query(
      `INSERT INTO kbis_registry_companies (siren, name, active, naf, closed_on) VALUES ${values.join(', ')}
       ON CONFLICT (siren) DO UPDATE SET name = EXCLUDED.name, active = EXCLUDED.active, naf = EXCLUDED.naf, closed_on = EXCLUDED.closed_on`,
      params,
    );
  }
}
