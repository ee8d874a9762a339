import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * Creates once, for the whole run, an empty PGlite data folder that tests copy instead of running
 * initdb again (initdb costs seconds; a copy costs a fraction of that).
 */
export default async function setup(): Promise<void> {
  const dir = path.resolve('.cache/pglite-template');
  const marker = path.join(dir, 'PG_VERSION');
  const ready = await stat(marker).then(
    () => true,
    () => false,
  );
  if (ready) return;
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.dirname(dir), { recursive: true });
  const db = await PGlite.create({ dataDir: dir });
  await db.close();
}
