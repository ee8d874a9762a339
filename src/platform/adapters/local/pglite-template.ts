import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Migration } from '../../migrations.ts';

// PGlite's initdb costs seconds; a copy of a folder it made once costs a fraction of that. The
// base template is the bare cluster. A migrated template, the base with one exact set of
// migrations applied, spares a new folder its migrations too (most of a first start after the
// initdb); it is named by a hash of the migrations' ids and SQL, so a changed migration never
// reuses it, and migrations still run after the copy (a no-op then).

function upTo(from: string, found: (dir: string) => boolean): string {
  let dir = from;
  while (!found(dir)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const root = upTo(path.dirname(entry), (d) => existsSync(path.join(d, 'package.json')));
  return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The template's folder: `.cache/pglite-<version>` at the root of the NovaEvo package (the same
 * from the sources and from the build), one per PGlite version since its files follow it.
 */
export function pgliteTemplateDir(): string {
  const root = upTo(path.dirname(fileURLToPath(import.meta.url)), (d) => existsSync(path.join(d, 'package.json')));
  return path.join(root, '.cache', `pglite-${pgliteVersion()}`);
}

const isCluster = (dir: string) =>
  stat(path.join(dir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );

/**
 * Copies the ~1,000 small files of a cluster several at a time (the file system's thread pool
 * works in parallel): 2 to 4 times faster than `fs.cp`, which copies one file after another.
 */
async function copyTree(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const relative = (e: (typeof entries)[number]) => path.relative(from, path.join(e.parentPath, e.name));
  await mkdir(to, { recursive: true });
  // Sorted, a folder comes before what it holds.
  for (const dir of entries
    .filter((e) => e.isDirectory())
    .map(relative)
    .sort())
    await mkdir(path.join(to, dir), { recursive: true });
  const files = entries.filter((e) => e.isFile()).map(relative);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      await copyFile(path.join(from, file), path.join(to, file));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** A sibling of `dir` to fill before renaming it to `dir`, so that no half-written copy is ever seen. */
const scratchBeside = (dir: string) => `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Makes `dir` once with `fill(scratch)` and returns it. Concurrent builders each fill their own
 * scratch folder; the first rename wins and the others drop theirs.
 */
async function buildOnce(dir: string, fill: (scratch: string) => Promise<void>): Promise<string> {
  if (await isCluster(dir)) return dir;
  const scratch = scratchBeside(dir);
  await mkdir(path.dirname(dir), { recursive: true });
  try {
    await fill(scratch);
    await rename(scratch, dir).catch(async (err: NodeJS.ErrnoException) => {
      if (!(await isCluster(dir))) throw err;
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return dir;
}

/** Makes the base template once (install step, test set-up, or the first start that finds none) and returns its folder. */
export function ensurePgliteTemplate(dir = pgliteTemplateDir()): Promise<string> {
  return buildOnce(dir, async (scratch) => {
    const db = await PGlite.create({ dataDir: scratch });
    await db.close();
  });
}

// Migrated templates of earlier migration sets (a migration edited while developing) are
// dropped beyond this many, least recently used first: each is a cluster of ~40 MB. One used in
// the last hour is kept whatever the count: another process may be copying it.
const KEEP_MIGRATED_TEMPLATES = 4;
const IN_USE_MS = 3600_000;

async function pruneMigratedTemplates(base: string): Promise<void> {
  const prefix = `${path.basename(base)}-migrated-`;
  const parent = path.dirname(base);
  const names = (await readdir(parent)).filter((n) => n.startsWith(prefix) && !n.includes('.tmp-'));
  const used = await Promise.all(names.map(async (n) => ({ n, at: (await stat(path.join(parent, n))).mtimeMs })));
  const stale = used.sort((a, b) => b.at - a.at).slice(KEEP_MIGRATED_TEMPLATES);
  for (const { n } of stale.filter(({ at }) => Date.now() - at > IN_USE_MS)) {
    await rm(path.join(parent, n), { recursive: true, force: true });
  }
}

/**
 * The base template with `migrations` applied by `apply` (given the scratch folder), made once
 * per distinct set; returns its folder.
 */
export async function ensureMigratedPgliteTemplate(
  migrations: readonly Migration[],
  apply: (dataDir: string) => Promise<void>,
  base = pgliteTemplateDir(),
): Promise<string> {
  const hash = createHash('sha256')
    .update(JSON.stringify(migrations.map((m) => [m.id, m.sql])))
    .digest('hex')
    .slice(0, 16);
  const dir = `${base}-migrated-${hash}`;
  if (await isCluster(dir)) {
    // Its mtime says when it was last used, for pruneMigratedTemplates.
    const now = new Date();
    await utimes(dir, now, now).catch(() => {});
    return dir;
  }
  await ensurePgliteTemplate(base);
  await buildOnce(dir, async (scratch) => {
    await copyTree(base, scratch);
    await apply(scratch);
  });
  await pruneMigratedTemplates(base);
  return dir;
}

/**
 * Fills `dataDir` with a database copied from `template` (a folder, or a function asked only
 * when `dataDir` is new; by default, or when it gives none, the base template), unless it
 * already holds one (or anything else: a folder with files is never overwritten). Returns
 * whether it copied.
 * The copy goes to a scratch folder renamed into place, so a start killed mid-copy leaves no
 * half database behind.
 */
export async function seedPgliteDataDir(dataDir: string, template?: string | (() => Promise<string | undefined>)): Promise<boolean> {
  const entries = await readdir(dataDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  if (entries.length > 0) return false;
  const chosen = typeof template === 'function' ? await template() : template;
  // A cache folder that cannot be written (a read-only install) only costs speed: PGlite then
  // runs initdb in place.
  const source = chosen ?? (await ensurePgliteTemplate().catch(() => undefined));
  if (!source) return false;
  const scratch = scratchBeside(dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  try {
    await copyTree(source, scratch);
    // rename(2) replaces an empty folder, so a folder made beforehand (mkdtemp) is fine.
    await rename(scratch, dataDir);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return true;
}
