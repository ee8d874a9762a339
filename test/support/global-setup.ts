import { buildCli } from '../../scripts/build.ts';
import { ensurePgliteTemplate } from '../../src/platform/adapters/local/pglite-template.ts';

/**
 * Once for the whole run: the PGlite template cluster (the one the runtime copies for a new data
 * folder; tests copy it instead of running initdb) and a fresh build of the command line, which
 * the tests that spawn `novaevo` run (otherwise each of them would find it stale and rebuild).
 */
export default async function setup(): Promise<void> {
  await Promise.all([
    ensurePgliteTemplate(),
    // A source that does not compile fails its own tests; the others still run (bin/novaevo.js
    // then falls back to tsx and says so).
    buildCli().catch((err: Error) => console.warn(`global setup: the command line could not be built: ${err.message}`)),
  ]);
}
