import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import { explainFailure } from './explain-failure.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { ROLES, type Role } from '../platform/auth/principal.ts';
import { costCommand } from './cost-command.ts';
import { registerFlashAgentCommand } from './flash-agent.ts';
import { registryCommand } from './registry-import.ts';
import { lockDataDir } from '../runtime/data-dir-lock.ts';
import type { IdentityAdminTasks } from '../platform/module/module.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Configuration with every module's section. Modules are imported lazily: `--help` need not load them. */
async function setup(): Promise<{ config: Config; logger: Logger }> {
  const { modules } = await import('../runtime/modules.ts');
  const config = loadConfig(process.env, { modules });
  const logger = createLogger({ level: config.log.level, ...(config.log.pretty === undefined ? {} : { pretty: config.log.pretty }) });
  return { config, logger };
}

async function start(opts: { workers?: number }): Promise<void> {
  const { config, logger } = await setup();
  // Imported here: `novaevo --help` and the other commands need not load the whole runtime.
  const [{ startLocalServer }, cluster] = await Promise.all([import('../runtime/local/server.ts'), import('../runtime/local/cluster.ts')]);
  const role = cluster.isClusterWorker() ? await cluster.workerRole() : undefined;
  const workers = opts.workers ?? cluster.defaultWorkerCount(config);
  if (!role && workers > 1) return cluster.runCluster({ config, logger, workers });
  const log = role ? logger.child({ pid: process.pid }) : logger;
  const starting = startLocalServer({ config, logger: log, version: pkg.version, ...(role ? { cluster: role } : {}) });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A failed start is main()'s to report (one line, exit 2): nothing to close then.
    starting.then(
      (server) =>
        server.close().then(
          () => process.exit(0),
          (err: unknown) => {
            logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        ),
      () => {},
    );
  };
  // Before the server says it is ready: a signal sent on that line must stop it cleanly.
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // A failure propagates to main(), which prints it as one line and exits 2.
  const server = await starting;
  if (role) cluster.reportReady(server);
}

/**
 * Runs `fn` with the identity module on the migrated database, without serving anything; the
 * embedded database is locked against a running server.
 */
async function withIdentity<T>(fn: (identity: IdentityAdminTasks) => Promise<T>): Promise<T> {
  const { config, logger } = await setup();
  const lock = config.databaseUrl ? undefined : await lockDataDir(config.dataDir);
  try {
    const [{ modules }, { migrationsOf }, { openPlatform }, { assembleModules }] = await Promise.all([
      import('../runtime/modules.ts'),
      import('../runtime/migrations.ts'),
      import('../runtime/platform.ts'),
      import('../runtime/assemble-modules.ts'),
    ]);
    const publicUrl = config.http.publicUrl ?? `http://${config.http.host}:${config.http.port}`;
    const platform = await openPlatform({ config, logger, baseUrl: publicUrl, migrations: migrationsOf(modules) });
    try {
      const assembled = await assembleModules(platform, modules, { clientAddress: () => 'cli', publicUrl });
      try {
        return await fn(assembled.identity);
      } finally {
        await assembled.close();
      }
    } finally {
      await platform.close();
    }
  } finally {
    await lock?.release();
  }
}

async function runMigrations(): Promise<void> {
  await withIdentity(async () => {});
  process.stderr.write('novaevo: the database is up to date\n');
}

function passwordFrom(option: string | undefined): string {
  const password = option ?? process.env.NOVAEVO_USER_PASSWORD;
  if (!password) throw new ConfigError('give --password or set NOVAEVO_USER_PASSWORD');
  return password;
}

async function createUser(opts: { role: Role; email: string; password?: string; name: string; companyName?: string; siren?: string }): Promise<void> {
  const password = passwordFrom(opts.password);
  await withIdentity(async (identity) => {
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

async function setPassword(opts: { email: string; password?: string }): Promise<void> {
  const password = passwordFrom(opts.password);
  await withIdentity((identity) => identity.setPassword(opts.email, password));
  process.stderr.write(`novaevo: the password of ${opts.email} was changed and its sessions signed out\n`);
}

function workerCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`--workers must be a whole number of 1 or more, not "${value}"`);
  return n;
}

/** The `novaevo` command line. */
export function buildCli(): Command {
  const program = new Command('novaevo')
    .description('NovaEvo platform: vehicle owners and automotive professionals.\nConfiguration comes from environment variables (see README).')
    .version(pkg.version);

  program
    .command('start')
    .description('run the whole platform in this process (HTTP API, MQTT broker, workers) on its embedded defaults')
    .addOption(
      new Option('--workers <n>', 'HTTP API processes on one port (needs DATABASE_URL above 1; default: one per CPU on PostgreSQL, 1 on PGlite)').argParser(
        workerCount,
      ),
    )
    .action(start);

  program.command('migrate').description('apply pending database migrations and exit').action(runMigrations);
  program.addCommand(registryCommand());
  program.addCommand(costCommand());
  registerFlashAgentCommand(program);

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
  user
    .command('set-password')
    .description("change an account's password (e.g. the admin's, after NOVAEVO_ADMIN_PASSWORD changed) and sign out its sessions")
    .requiredOption('--email <email>', 'login email')
    .option('--password <password>', 'new password (or NOVAEVO_USER_PASSWORD, which keeps it out of shell history)')
    .action(setPassword);
  return program;
}

/**
 * Runs `novaevo <argv>`. A command that fails (a start that cannot happen above all) prints one
 * line on stderr naming the cause and the fix, and exits with code 2; LOG_LEVEL=debug or trace
 * adds the stack trace.
 */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    process.stderr.write(`novaevo: ${explainFailure(err)}\n`);
    if (/^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '') && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exit(2);
  }
}
