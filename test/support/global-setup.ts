import { ensurePgliteTemplate } from '../../src/platform/adapters/local/pglite-template.ts';

/**
 * Makes sure, once for the whole run, that the PGlite template cluster exists (the same one the
 * runtime copies for a new data folder): tests copy it instead of running initdb again.
 */
export default async function setup(): Promise<void> {
  await ensurePgliteTemplate();
}
