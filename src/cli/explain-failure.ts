import { ConfigError, loadConfig, type Config } from '../platform/config.ts';

type Failure = Error & { code?: string; errno?: number; syscall?: string; address?: string; port?: number; cause?: unknown; errors?: unknown[] };

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

function configOf(env: Record<string, string | undefined>): Config | undefined {
  try {
    return loadConfig(env);
  } catch {
    return undefined;
  }
}

/** The first error in a chain (`cause`, AggregateError) that carries a system or SQLSTATE code. */
function coded(err: Failure): Failure {
  for (let e: unknown = err; e instanceof Error; e = (e as Failure).cause ?? (e as Failure).errors?.[0]) {
    if ((e as Failure).code) return e as Failure;
  }
  return err;
}

/** `host:port/database` of a PostgreSQL URL: never its password. */
function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the server in DATABASE_URL';
  }
}

function portTaken(e: Failure, config: Config | undefined): string {
  const where = `${e.address ?? config?.http.host ?? ''}:${e.port ?? '?'}`;
  if (config && e.port === config.http.port) {
    return `the HTTP port ${where} is already in use (another NovaEvo?); stop what listens there, or set PORT to a free port (PORT=0 takes any)`;
  }
  if (config && e.port === config.mqtt.port) {
    return `the MQTT port ${where} is already in use (a broker?); stop it, set MQTT_PORT to a free port (MQTT_PORT=0 takes any), or set MQTT_URL to use that broker`;
  }
  return `the port ${where} is already in use; stop what listens there, or set PORT / MQTT_PORT to free ports`;
}

/**
 * One line naming why a `novaevo` command failed and how to fix it, for the start-up failures a
 * user can cause (configuration, data folder, ports, database, broker). A domain error (a code
 * such as `EMAIL_TAKEN`) says it in its message; anything else is its message's first line and
 * where to find the details: the command line never answers with a stack trace.
 */
export function explainFailure(err: unknown, env: Record<string, string | undefined> = process.env): string {
  if (!(err instanceof Error)) return String(err);
  if (err instanceof ConfigError) return `${err.message.replace(/\s*\n\s*/g, ' ')} (see Configuration in the README)`;
  const config = configOf(env);
  const e = coded(err as Failure);
  if (e.code === 'DATA_DIR_LOCKED' || e.code === 'DATA_DIR_UNUSABLE') return e.message;
  if (e.syscall === 'listen') {
    if (e.code === 'EADDRINUSE') return portTaken(e, config);
    if (e.code === 'EACCES') return `not allowed to listen on port ${e.port}: ports below 1024 need privileges; set PORT / MQTT_PORT above 1023`;
    if (e.code === 'EADDRNOTAVAIL')
      return `cannot listen on ${e.address}: not an address of this machine; set HOST to one of its addresses (127.0.0.1, 0.0.0.0)`;
  }
  if (err.message.startsWith('MQTT connection to')) {
    return `${err.message.split('\n')[0]}; start that broker or fix MQTT_URL (unset it to use the embedded broker)`;
  }
  if (config?.databaseUrl) {
    const db = describeDatabase(config.databaseUrl);
    if (e.code && NETWORK_CODES.has(e.code))
      return `cannot reach PostgreSQL at ${db} (${e.code}); start it, or fix DATABASE_URL (unset it to use the embedded database)`;
    // SQLSTATE class 28: invalid authorisation; 3D000: no such database.
    if (e.code?.startsWith('28') || e.code === '3D000')
      return `PostgreSQL at ${db} refused the connection: ${e.message}; fix the user, password or database name in DATABASE_URL`;
  }
  if (e.syscall && e.code && ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR'].includes(e.code)) {
    return `cannot write ${(e as { path?: string }).path ?? 'a file'} (${e.code}); make the data folder writable or set NOVAEVO_DATA_DIR to another folder`;
  }
  if (e.code && /^[A-Z_]+$/.test(e.code) && !e.syscall) return e.message;
  return `${err.message.split('\n')[0]} (LOG_LEVEL=debug prints the details)`;
}
