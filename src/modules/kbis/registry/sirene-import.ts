import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import type { SqlDatabase } from '../../../platform/ports/sql.ts';
import type { RegistryCompany } from './company-registry.ts';
import { companyFromSireneRecord, SIRENE_COLUMNS } from './sirene-row.ts';
import { SqlCompanyRegistry } from './sql-company-registry.ts';

/** Where an import stands. */
export interface ImportProgress {
  source: string;
  bytesDone: number;
  totalBytes: number | null;
  rows: number;
  skipped: number;
  status: 'running' | 'done' | 'failed';
}

/** Where to read the file from: `open(start)` streams it from byte `start`. */
export interface ImportSource {
  /** Stable name of this file (path and size, or blob key): the key a resumed import continues. */
  key: string;
  totalBytes: number | null;
  open(start: number): Readable;
}


async function readHeader(source: ImportSource): Promise<{ columns: string[]; length: number }> {
  const stream = source.open(0);
  let buf = Buffer.alloc(0);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      buf = Buffer.concat([buf, chunk]);
      const nl = buf.indexOf(0x0a);
      if (nl >= 0) {
        const line = buf.subarray(0, nl).toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, '');
        return { columns: line.split(',').map((c) => c.trim().replace(/^"|"$/g, '')), length: nl + 1 };
      }
      if (buf.length > 64 * 1024) break;
    }
  } finally {
    stream.destroy();
  }
  throw Object.assign(new Error('The file has no header line.'), { code: 'REGISTRY_FILE_INVALID' });
}

/**
 * Imports an INSEE SIRENE "StockUniteLegale" CSV into the local registry, streaming (constant
 * memory whatever the size: the real file has about 28 million rows) in batches (2,000 rows by default), each
 * committed with the byte offset it reached. Run again on the same file, it resumes after the
 * last committed batch. `onProgress` is called after each batch.
 * A malformed file fails with `code` REGISTRY_FILE_INVALID; what was committed stays.
 */
export async function importSireneStock(
  db: SqlDatabase,
  source: ImportSource,
  options: { onProgress?: (p: ImportProgress) => void; batchRows?: number } = {},
): Promise<ImportProgress> {
  const batchRows = options.batchRows ?? 2000;
  let header: { columns: string[]; length: number };
  try {
    header = await readHeader(source);
    if (!header.columns.includes(SIRENE_COLUMNS.siren)) throw Object.assign(new Error('The header has no "siren" column: this is not a StockUniteLegale file.'), { code: 'REGISTRY_FILE_INVALID' });
  } catch (err) {
    await db.query(
      `INSERT INTO kbis_registry_imports (source, bytes_done, rows_done, skipped, total_bytes, status, error) VALUES ($1, 0, 0, 0, $2, 'failed', $3)
       ON CONFLICT (source) DO UPDATE SET status = 'failed', error = EXCLUDED.error`,
      [source.key, source.totalBytes, String((err as Error).message).slice(0, 500)],
    );
    throw err;
  }
  const { rows: state } = await db.query<{ bytes_done: number; rows_done: number; skipped: number; status: string }>('SELECT bytes_done, rows_done, skipped, status FROM kbis_registry_imports WHERE source = $1', [source.key]);
  const progress: ImportProgress = { source: source.key, bytesDone: Math.max(state[0]?.bytes_done ?? 0, header.length), totalBytes: source.totalBytes, rows: state[0]?.rows_done ?? 0, skipped: state[0]?.skipped ?? 0, status: 'running' };
  if (state[0]?.status === 'done') return { ...progress, status: 'done' };
  await db.query(
    `INSERT INTO kbis_registry_imports (source, bytes_done, rows_done, skipped, total_bytes, status) VALUES ($1, $2, $3, $4, $5, 'running')
     ON CONFLICT (source) DO UPDATE SET status = 'running', total_bytes = EXCLUDED.total_bytes`,
    [source.key, progress.bytesDone, progress.rows, progress.skipped, source.totalBytes],
  );
  const start = progress.bytesDone;
  const input = source.open(start);
  const parser = input.pipe(parse({ columns: header.columns, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: false }));
  input.once('error', (err) => parser.destroy(err)); // pipe() does not pass a broken source on
  let batch: RegistryCompany[] = [];
  let skipped = 0;
  let reached = start;
  const flush = async () => {
    const companies = batch;
    batch = [];
    await db.transaction(async (tx) => {
      await SqlCompanyRegistry.upsert(tx, companies);
      await tx.query('UPDATE kbis_registry_imports SET bytes_done = $2, rows_done = rows_done + $3, skipped = skipped + $4 WHERE source = $1', [source.key, reached, companies.length, skipped]);
    });
    progress.bytesDone = reached;
    progress.rows += companies.length;
    progress.skipped += skipped;
    skipped = 0;
    options.onProgress?.({ ...progress });
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { bytes: number } }>) {
      const company = companyFromSireneRecord(record);
      if (company) batch.push(company);
      else skipped++;
      reached = start + info.bytes;
      if (batch.length >= batchRows) await flush();
    }
    await flush();
  } catch (err) {
    await db.query("UPDATE kbis_registry_imports SET status = 'failed', error = $2 WHERE source = $1", [source.key, String((err as Error).message).slice(0, 500)]);
    if ((err as { code?: string }).code?.startsWith('CSV_')) throw Object.assign(new Error(`The file is not valid CSV: ${(err as Error).message}`), { code: 'REGISTRY_FILE_INVALID' });
    throw err;
  }
  await db.query("UPDATE kbis_registry_imports SET status = 'done' WHERE source = $1", [source.key]);
  return { ...progress, status: 'done' };
}
