import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Fields whose values never reach a log line, wherever they appear. */
const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'secret',
  '*.secret',
  'databaseUrl',
  'smtpUrl',
];

/** Longest string value a log line carries; longer ones are cut (a 500 KB email once made a 500 KB line). */
export const MAX_LOGGED_STRING = 1000;

const truncate = (s: string) => (s.length > MAX_LOGGED_STRING ? `${s.slice(0, MAX_LOGGED_STRING)}…[${s.length - MAX_LOGGED_STRING} more]` : s);

/** Cuts every long string of a log object (a few levels deep: log objects are small by design). */
function truncateStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return truncate(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => truncateStrings(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = truncateStrings(v, depth + 1);
  return out;
}

// PostgreSQL error fields that describe the failure without repeating the data (detail, where,
// query and parameters can hold emails and password hashes: they are never logged).
const SQL_ERROR_FIELDS = ['code', 'severity', 'routine', 'constraint', 'table', 'column', 'dataType'] as const;

/**
 * What an error becomes in a log line, by allow-list: for a database error only its class,
 * SQLSTATE and the names of what failed; for others the name, the (cut) message, a code and
 * the stack. Never the enumerable extras an error may carry (a driver's query parameters).
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: truncate(String(err)) };
  const e = err as Error & Record<string, unknown>;
  const isSql = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && ('severity' in e || 'routine' in e || 'length' in e);
  if (isSql) {
    const out: Record<string, unknown> = { type: e.name };
    for (const f of SQL_ERROR_FIELDS) if (typeof e[f] === 'string') out[f] = e[f];
    return out;
  }
  return {
    type: e.name,
    message: truncate(e.message),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(e.stack ? { stack: truncate(e.stack.split('\n').slice(0, 12).join('\n')) } : {}),
    ...(e.cause !== undefined ? { cause: serializeError(e.cause) } : {}),
  };
}

export interface LoggerSettings {
  level: string;
  /** Human-readable lines (pino-pretty) instead of JSON; defaults to "stdout is a terminal". */
  pretty?: boolean;
}

/**
 * JSON logs (one object per line), pretty-printed when a person is watching the terminal.
 * `destination` replaces stdout (tests read what would have been logged).
 *
 * JSON lines go to stdout asynchronously: a line is queued and written by libuv while the
 * event loop serves the next request (lines logged meanwhile leave in one write), instead of
 * a blocking write per line. pino flushes what is queued when the process exits.
 */
export function createLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
    formatters: { log: (object) => truncateStrings(object) as Record<string, unknown> },
    base: { service: 'novaevo' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(options, destination);
  const pretty = settings.pretty ?? Boolean(process.stdout.isTTY);
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', singleLine: true, ignore: 'pid,hostname,service' } } });
  }
  return pino(options, pino.destination({ dest: 1, sync: false }));
}

/** A logger that drops everything (tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
