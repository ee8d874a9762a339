import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { ROLES, type Role } from '../platform/auth/principal.ts';
import { startLocalServer } from '../runtime/local/server.ts';
import { configuredClock, openMigratedDatabase } from '../runtime/platform.ts';
import { lockDataDir } from '../runtime/data-dir-lock.ts';
import type { SqlDatabase } from '../platform/ports/sql.ts';
import { IdentityService, openLocalIssuer } from '../modules/identity/index.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

function setup(): { config: Config; logger: Logger } {
  const config = loadConfig(process.env, pkg.version);
  const logger = createLogger({ level: config.log.level, ...(config.log.pretty === undefined ? {} : { pretty: config.log.pretty }) });
  return { config, logger };
}

async function start(): Promise<void> {
  const { config, logger } = setup();
  const server = await startLocalServer({ config, logger, version: pkg.version });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Runs `fn` on the migrated database; the embedded one is locked against a running server. */
async function withDatabase<T>(config: Config, logger: Logger, fn: (db: SqlDatabase) => Promise<T>): Promise<T> {
  const lock = config.databaseUrl ? undefined : await lockDataDir(config.dataDir);
  try {
    const db = await openMigratedDatabase(config, logger);
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  } finally {
    await lock?.release();
  }
}

async function runMigrations(): Promise<void> {
  const { config, logger } = setup();
  await withDatabase(config, logger, async () => {});
  logger.info('database is up to date');
}

async function createUser(opts: { role: Role; email: string; password?: string; name: string; companyName?: string; siren?: string }): Promise<void> {
  const { config, logger } = setup();
  const password = opts.password ?? process.env.NOVAEVO_USER_PASSWORD;
  if (!password) throw new ConfigError('give --password or set NOVAEVO_USER_PASSWORD');
  await withDatabase(config, logger, async (db) => {
    const clock = configuredClock(config);
    const identity = new IdentityService({
      db,
      clock,
      logger,
      issuer: await openLocalIssuer(db, clock),
      accessTtlSeconds: config.tokens.accessTtlSeconds,
      refreshTtlSeconds: config.tokens.refreshTtlSeconds,
    });
    const user = await identity.createUser({
      email: opts.email,
      password,
      role: opts.role,
      name: opts.name,
      company: opts.companyName && opts.siren ? { name: opts.companyName, siren: opts.siren } : undefined,
    });
    process.stdout.write(`${JSON.stringify(user, null, 2)}\n`);
  });
}

/** The `novaevo` command line. */
export function buildCli(): Command {
  const program = new Command('novaevo')
    .description('NovaEvo platform: vehicle owners and automotive professionals.\nConfiguration comes from environment variables (see README).')
    .version(pkg.version);

  program
    .command('start')
    .description('run the whole platform in this process (HTTP API, MQTT broker, workers) on its embedded defaults')
    .action(start);

  program.command('migrate').description('apply pending database migrations and exit').action(runMigrations);

  const user = program.command('user').description('manage accounts');
  user
    .command('create')
    .description('create an account (the only way to create an admin besides NOVAEVO_ADMIN_EMAIL)')
    .addOption(new Option('--role <role>', 'account role').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--email <email>', 'login email')
    .option('--password <password>', 'password (or NOVAEVO_USER_PASSWORD, which keeps it out of shell history)')
    .option('--name <name>', 'display name', 'Administrator')
    .option('--company-name <name>', 'company name (pro accounts)')
    .option('--siren <siren>', 'company SIREN (pro accounts)')
    .action(createUser);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (err instanceof ConfigError || (e.code && /^[A-Z_]+$/.test(e.code))) {
      process.stderr.write(`novaevo: ${e.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
