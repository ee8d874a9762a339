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

export interface LoggerSettings {
  level: string;
  /** Human-readable lines (pino-pretty) instead of JSON; defaults to "stdout is a terminal". */
  pretty?: boolean;
}

/**
 * JSON logs (one object per line), pretty-printed when a person is watching the terminal.
 * `destination` replaces stdout (tests read what would have been logged).
 */
export function createLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'novaevo' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(options, destination);
  const pretty = settings.pretty ?? Boolean(process.stdout.isTTY);
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', singleLine: true, ignore: 'pid,hostname,service' } } });
  }
  return pino(options);
}

/** A logger that drops everything (tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
