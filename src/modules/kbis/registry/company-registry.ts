import { luhnValid } from '../../../platform/validation/siren.ts';

/** A company as the national registry (INSEE SIRENE) knows it. */
export interface RegistryCompany {
  siren: string;
  name: string;
  /** False once the company ceased (SIRENE `etatAdministratifUniteLegale` = C). */
  active: boolean;
  /** Main activity, NAF rev. 2 with a dot ("45.20A"), or null when the registry gives none. */
  naf: string | null;
  /** When it ceased, ISO date, if known. */
  closedOn: string | null;
}

/** What a lookup found: the company, no such company, or no answer to be had right now. */
export type RegistryLookup =
  | { outcome: 'found'; company: RegistryCompany }
  | { outcome: 'not_found' }
  | { outcome: 'unavailable'; reason: string };

/**
 * The company registry port: is this SIREN a company, and is it active? Local adapter: a table
 * imported from the INSEE SIRENE "StockUniteLegale" file; remote: the public API Recherche
 * d'entreprises. A lookup never throws for registry trouble: it answers `unavailable`, and
 * the verification goes to review rather than to a guess.
 */
export interface CompanyRegistry {
  /** Which adapter, for /health and the check's detail. */
  readonly name: string;
  /** The company with this 9-digit SIREN. */
  lookup(siren: string): Promise<RegistryLookup>;
}

/**
 * The registry's answer for a SIREN read from an extract: none is asked for a SIREN that is
 * missing or fails its check digit (a misread or a forgery; the SIREN check reports it).
 */
export async function registryLookupFor(registry: CompanyRegistry, siren: string | null): Promise<RegistryLookup> {
  if (siren === null || !luhnValid(siren) || !/^\d{9}$/.test(siren)) {
    return { outcome: 'unavailable', reason: 'not asked: no valid SIREN was read' };
  }
  return registry.lookup(siren);
}

/** "4520A" (SIRENE) or "45.20A" (API) to "45.20A". */
export function normaliseNaf(code: string | null | undefined): string | null {
  if (!code) return null;
  const m = /^(\d{2})\.?(\d{2})([A-Z])$/.exec(code.trim().toUpperCase());
  return m ? `${m[1]}.${m[2]}${m[3]}` : null;
}
