import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import type { PlatformModule } from '../platform/module/module.ts';
import { lockDataDir } from '../runtime/data-dir-lock.ts';
import type { ImportProgress } from '../modules/kbis/index.ts';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** A progress bar on a terminal; a line every 5 % otherwise (logs, CI). */
function progressPrinter(stream: NodeJS.WriteStream, started: number): (p: ImportProgress) => void {
  let lastStep = -1;
  return (p) => {
    const fraction = p.totalBytes ? Math.min(1, p.bytesDone / p.totalBytes) : 0;
    const seconds = Math.max(0.001, (performance.now() - started) / 1000);
    const eta = fraction > 0 ? Math.round((seconds / fraction) * (1 - fraction)) : 0;
    const line = `${(fraction * 100).toFixed(1).padStart(5)} %  ${p.rows.toLocaleString('en')} companies  ${mb(p.bytesDone)} / ${mb(p.totalBytes ?? 0)}  ETA ${Math.floor(eta / 60)} min ${eta % 60} s`;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}`);
    } else if (Math.floor(fraction * 20) > lastStep) {
      lastStep = Math.floor(fraction * 20);
      stream.write(`${line}\n`);
    }
  };
}

/**
 * `novaevo registry import <file.csv>`: imports the INSEE SIRENE "StockUniteLegale" file (about
 * 28 million rows) into the local company registry, streaming with constant memory. Stopped
 * (Ctrl-C, a crash), the same command resumes after the last committed batch.
 */
export async function importRegistryFile(file: string): Promise<ImportProgress> {
  const absolute = path.resolve(file);
  const info = await stat(absolute).catch(() => undefined);
  if (!info?.isFile()) throw new ConfigError(`${file} is not a file: give the path of StockUniteLegale_utf8.csv`);
  const [{ modules }, { kbisModule, importSireneStock }, { migrationsOf }, { openPlatform }] = await Promise.all([
    import('../runtime/modules.ts'),
    import('../modules/kbis/index.ts'),
    import('../runtime/migrations.ts'),
    import('../runtime/platform.ts'),
  ]);
  // The registry tables belong to the KBIS module: its migrations run even where it is not served.
  const list: readonly PlatformModule[] = modules.some((m) => m.name === 'kbis') ? modules : [...modules, kbisModule];
  const config = loadConfig(process.env, { modules: list });
  const logger = createLogger({ level: config.log.level, ...(config.log.pretty === undefined ? {} : { pretty: config.log.pretty }) });
  const lock = config.databaseUrl ? undefined : await lockDataDir(config.dataDir);
  try {
    const platform = await openPlatform({ config, logger, baseUrl: 'http://cli', migrations: migrationsOf(list) });
    try {
      const started = performance.now();
      // The key names this file by path, size and date: a different file starts afresh.
      const source = { key: `${absolute}:${info.size}:${info.mtimeMs}`, totalBytes: info.size, open: (start: number) => createReadStream(absolute, { start, highWaterMark: 1 << 20 }) };
      const done = await importSireneStock(platform.db, source, { onProgress: progressPrinter(process.stderr, started) });
      process.stderr.write(`\nnovaevo: ${done.rows.toLocaleString('en')} companies in the local registry (${done.skipped} rows skipped)\n`);
      return done;
    } finally {
      await platform.close();
    }
  } finally {
    await lock?.release();
  }
}

/** The `registry` command group, for the CLI to add: `program.addCommand(registryCommand())`. */
export function registryCommand(): Command {
  const registry = new Command('registry').description('the local company registry (KBIS verification)');
  registry
    .command('import')
    .description('import an INSEE SIRENE StockUniteLegale CSV into the local registry (streamed, resumable: run it again after an interruption)')
    .argument('<file.csv>', 'the StockUniteLegale CSV (UTF-8), e.g. from data.gouv.fr')
    .action(async (file: string) => {
      await importRegistryFile(file);
    });
  return registry;
}
