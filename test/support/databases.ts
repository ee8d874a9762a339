import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openPgliteWorkerDatabase } from '../../src/platform/adapters/local/pglite-worker-database.ts';
import { openPgliteDatabase } from '../../src/platform/adapters/local/pglite-database.ts';
import { seedPgliteDataDir } from '../../src/platform/adapters/local/pglite-template.ts';
import { openPostgresDatabase } from '../../src/platform/adapters/postgres/postgres-database.ts';
import type { SqlDatabase } from '../../src/platform/ports/sql.ts';
import { migrate, type Migration } from '../../src/platform/migrations.ts';

/** A fresh, empty database and the way to throw it away. */
export interface TestDatabase {
  db: SqlDatabase;
  dispose(): Promise<void>;
  /** Opens a second handle on the same data, as a restarted process would. */
  reopen(): Promise<TestDatabase>;
}

export interface SqlAdapterUnderTest {
  name: string;
  /** false when the server behind it is not configured here (see skipReason). */
  available: boolean;
  skipReason?: string;
  open(): Promise<TestDatabase>;
}

/**
 * Fills `dir` (missing or empty) with an empty PGlite database: a copy of the template cluster,
 * by the same function the runtime uses for a new data folder (no initdb).
 */
export async function copyPgliteTemplate(dir: string): Promise<void> {
  if (!(await seedPgliteDataDir(dir))) throw new Error(`${dir} is not empty, or the PGlite template could not be made`);
}

async function openPglite(inWorker = false): Promise<TestDatabase> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-pglite-'));
  await copyPgliteTemplate(dir);
  const handle = async (): Promise<TestDatabase> => {
    const db = inWorker ? await openPgliteWorkerDatabase(dir) : await openPgliteDatabase(dir);
    let closed = false;
    const close = async () => {
      if (!closed) await db.close();
      closed = true;
    };
    return {
      db,
      async reopen() {
        await close();
        return handle();
      },
      async dispose() {
        await close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  };
  return handle();
}

let schemaCounter = 0;

async function openPostgres(url: string): Promise<TestDatabase> {
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${schemaCounter++}`;
  const handle = async (): Promise<TestDatabase> => {
    const db = await openPostgresDatabase({ connectionString: url, schema, maxConnections: 4 });
    let closed = false;
    const close = async () => {
      if (!closed) await db.close();
      closed = true;
    };
    return {
      db,
      async reopen() {
        await close();
        return handle();
      },
      async dispose() {
        await close();
        const admin = await openPostgresDatabase({ connectionString: url, maxConnections: 1 });
        await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.close();
      },
    };
  };
  return handle();
}

/**
 * Every SQL adapter: PGlite (always available) and a real PostgreSQL server (available when
 * TEST_DATABASE_URL is set). Contract suites declare one suite per entry with describeEachAdapter.
 */
export function sqlAdapters(): SqlAdapterUnderTest[] {
  const url = process.env.TEST_DATABASE_URL;
  return [
    // The embedded default runs PGlite in a worker thread; the in-process adapter it wraps is the
    // one unit tests use (openMigratedPglite), so both are exercised.
    { name: 'pglite', available: true, open: () => openPglite(true) },
    {
      name: 'postgres',
      available: Boolean(url),
      skipReason: 'TEST_DATABASE_URL is not set',
      open: () => openPostgres(url!),
    },
  ];
}

/** Opens a fresh PGlite database with `migrations` applied: the quick path for unit tests. */
export async function openMigratedPglite(migrations: readonly Migration[]): Promise<TestDatabase> {
  const t = await openPglite();
  await migrate(t.db, migrations);
  return t;
}
