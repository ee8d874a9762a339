import type { RegistryCompany } from './company-registry.ts';
import { normaliseNaf } from './company-registry.ts';

/** The StockUniteLegale columns the import reads (the file has about thirty). */
export const SIRENE_COLUMNS = {
  siren: 'siren',
  denomination: 'denominationUniteLegale',
  usualName: 'denominationUsuelle1UniteLegale',
  surname: 'nomUniteLegale',
  usageSurname: 'nomUsageUniteLegale',
  givenName: 'prenomUsuelUniteLegale',
  firstName: 'prenom1UniteLegale',
  state: 'etatAdministratifUniteLegale',
  activity: 'activitePrincipaleUniteLegale',
  periodStart: 'dateDebut',
} as const;

/**
 * One StockUniteLegale record (column → value) as a registry company, or undefined when it is
 * not one (no 9-digit SIREN). A sole trader has no denomination: its name is the person's.
 */
export function companyFromSireneRecord(record: Readonly<Record<string, string | undefined>>): RegistryCompany | undefined {
  const c = SIRENE_COLUMNS;
  const siren = record[c.siren]?.trim() ?? '';
  if (!/^\d{9}$/.test(siren)) return undefined;
  const person = [record[c.givenName] || record[c.firstName], record[c.usageSurname] || record[c.surname]].filter((s) => s?.trim()).join(' ');
  const name = (record[c.denomination]?.trim() || record[c.usualName]?.trim() || person.trim() || '[ND]').slice(0, 300);
  const active = (record[c.state]?.trim() ?? 'A') !== 'C';
  const start = record[c.periodStart]?.trim() ?? '';
  return { siren, name, active, naf: normaliseNaf(record[c.activity]), closedOn: !active && /^\d{4}-\d{2}-\d{2}$/.test(start) ? start : null };
}
