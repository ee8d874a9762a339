import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPgliteDatabase } from './pglite-database.ts';
import { ensureMigratedPgliteTemplate, ensurePgliteTemplate, seedPgliteDataDir } from './pglite-template.ts';

describe('the PGlite template cluster', () => {
  let root: string;
  let fakeTemplate: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'novaevo-template-'));
    // Copying is what is tested here; a folder that looks like a cluster spares an initdb.
    fakeTemplate = path.join(root, 'template');
    await mkdir(path.join(fakeTemplate, 'base'), { recursive: true });
    await writeFile(path.join(fakeTemplate, 'PG_VERSION'), '18\n');
    await writeFile(path.join(fakeTemplate, 'base', 'marker'), 'from the template');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('fills a missing data folder, and an empty one made beforehand, leaving nothing beside them', async () => {
    const missing = path.join(root, 'data', 'pg');
    const empty = await mkdtemp(path.join(root, 'empty-'));
    expect(await seedPgliteDataDir(missing, fakeTemplate)).toBe(true);
    expect(await seedPgliteDataDir(empty, fakeTemplate)).toBe(true);
    for (const dir of [missing, empty]) expect(await readFile(path.join(dir, 'base', 'marker'), 'utf8')).toBe('from the template');
    expect((await readdir(path.join(root, 'data'))).sort()).toEqual(['pg']);
    expect((await readdir(root)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('never overwrites a folder that already holds files', async () => {
    const dir = path.join(root, 'used');
    await mkdir(dir);
    await writeFile(path.join(dir, 'PG_VERSION'), 'mine');
    expect(await seedPgliteDataDir(dir, fakeTemplate)).toBe(false);
    expect(await readdir(dir)).toEqual(['PG_VERSION']);
    expect(await readFile(path.join(dir, 'PG_VERSION'), 'utf8')).toBe('mine');
  });

  it('opens a new data folder as a working database copied from the real template', async () => {
    const template = await ensurePgliteTemplate();
    const dataDir = path.join(root, 'fresh', 'pg');
    const db = await openPgliteDatabase(dataDir);
    try {
      expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
    expect(await readFile(path.join(dataDir, 'PG_VERSION'), 'utf8')).toBe(await readFile(path.join(template, 'PG_VERSION'), 'utf8'));
  });

  it('makes a migrated template once per exact set of migrations, and keeps the four last used', async () => {
    const applied: string[] = [];
    const apply = async (dir: string) => {
      applied.push(dir);
      await writeFile(path.join(dir, 'base', 'migrated'), 'yes');
    };
    const set = (sql: string) => [{ id: 'test.001', sql }];
    const first = await ensureMigratedPgliteTemplate(set('CREATE TABLE a (id int)'), apply, fakeTemplate);
    expect(await ensureMigratedPgliteTemplate(set('CREATE TABLE a (id int)'), apply, fakeTemplate)).toBe(first);
    expect(applied).toHaveLength(1);
    expect(await readFile(path.join(first, 'base', 'marker'), 'utf8')).toBe('from the template');
    expect(await readFile(path.join(first, 'base', 'migrated'), 'utf8')).toBe('yes');
    // The same id with other SQL (a migration edited) is another template.
    const edited = await ensureMigratedPgliteTemplate(set('CREATE TABLE a (id bigint)'), apply, fakeTemplate);
    expect(edited).not.toBe(first);
    for (const n of [1, 2, 3, 4]) await ensureMigratedPgliteTemplate(set(`CREATE TABLE t${n} (id int)`), apply, fakeTemplate);
    const migrated = async () => (await readdir(root)).filter((n) => n.startsWith('template-migrated-'));
    // Six templates, but used within the hour: another process may be copying one.
    expect(await migrated()).toHaveLength(6);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(first, twoHoursAgo, twoHoursAgo);
    await utimes(edited, twoHoursAgo, twoHoursAgo);
    await ensureMigratedPgliteTemplate(set('CREATE TABLE t5 (id int)'), apply, fakeTemplate);
    const kept = await migrated();
    expect(kept).toHaveLength(5);
    expect(kept).not.toContain(path.basename(first));
    expect(kept).not.toContain(path.basename(edited));
  });

  it('opens a new data folder with its migrations already applied, from the migrated template', async () => {
    const migrations = [{ id: 'template-test.001', sql: 'CREATE TABLE seeded_by_template (id int PRIMARY KEY)' }];
    const dataDir = path.join(root, 'migrated', 'pg');
    const db = await openPgliteDatabase(dataDir, { migrations });
    try {
      expect((await db.query('SELECT id FROM schema_migrations')).rows).toEqual([{ id: 'template-test.001' }]);
      expect((await db.query('SELECT count(*)::int AS n FROM seeded_by_template')).rows).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });
});
