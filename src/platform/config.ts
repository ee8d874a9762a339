import path from 'node:path';
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const port = z.coerce.number().int().min(0).max(65535);
const bytes = z.coerce.number().int().positive();

/** Everything the platform reads from its environment, validated once at start-up. */
export const configSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: port.default(3000),
  HOST: z.string().default('127.0.0.1'),
  MQTT_PORT: port.optional(),
  MQTT_URL: optionalString,
  NOVAEVO_DATA_DIR: z.string().default('./.novaevo'),
  NOVAEVO_NOW: z
    .string()
    .optional()
    .refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), 'NOVAEVO_NOW must be an ISO 8601 instant'),
  NOVAEVO_PUBLIC_URL: optionalString,
  NOVAEVO_ADMIN_EMAIL: optionalString,
  NOVAEVO_ADMIN_PASSWORD: optionalString,
  DATABASE_URL: optionalString,
  SMTP_URL: optionalString,
  SMTP_FROM: z.string().default('NovaEvo <no-reply@novaevo.local>'),
  COGNITO_USER_POOL_ID: optionalString,
  COGNITO_CLIENT_ID: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  JSON_BODY_LIMIT: bytes.default(1024 * 1024),
  UPLOAD_BODY_LIMIT: bytes.default(10 * 1024 * 1024),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(30 * 24 * 3600),
});

export type RawConfig = z.infer<typeof configSchema>;

/** The validated configuration, in the shape the code uses. */
export interface Config {
  env: string;
  http: { host: string; port: number; publicUrl: string | undefined };
  mqtt: { port: number | undefined; url: string | undefined };
  dataDir: string;
  now: Date | undefined;
  admin: { email: string; password: string } | undefined;
  databaseUrl: string | undefined;
  smtp: { url: string; from: string } | undefined;
  cognito: { userPoolId: string; clientId: string } | undefined;
  log: { level: string; pretty: boolean | undefined };
  limits: { jsonBodyBytes: number; uploadBodyBytes: number };
  tokens: { accessTtlSeconds: number; refreshTtlSeconds: number };
  /** Credential requests (register, token, refresh) allowed per client address per minute. */
  authRateLimitPerMinute: number;
  version: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError that names every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env, version = '0.0.0'): Config {
  // An empty variable (PORT=) means "not set", as in most shells' and tools' conventions.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  if ((c.NOVAEVO_ADMIN_EMAIL === undefined) !== (c.NOVAEVO_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('invalid configuration:\n  NOVAEVO_ADMIN_EMAIL and NOVAEVO_ADMIN_PASSWORD go together');
  }
  if ((c.COGNITO_USER_POOL_ID === undefined) !== (c.COGNITO_CLIENT_ID === undefined)) {
    throw new ConfigError('invalid configuration:\n  COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID go together');
  }
  return {
    env: c.NODE_ENV,
    http: { host: c.HOST, port: c.PORT, publicUrl: c.NOVAEVO_PUBLIC_URL },
    mqtt: { port: c.MQTT_PORT, url: c.MQTT_URL },
    dataDir: path.resolve(c.NOVAEVO_DATA_DIR),
    now: c.NOVAEVO_NOW === undefined ? undefined : new Date(c.NOVAEVO_NOW),
    admin: c.NOVAEVO_ADMIN_EMAIL && c.NOVAEVO_ADMIN_PASSWORD ? { email: c.NOVAEVO_ADMIN_EMAIL, password: c.NOVAEVO_ADMIN_PASSWORD } : undefined,
    databaseUrl: c.DATABASE_URL,
    smtp: c.SMTP_URL ? { url: c.SMTP_URL, from: c.SMTP_FROM } : undefined,
    cognito: c.COGNITO_USER_POOL_ID && c.COGNITO_CLIENT_ID ? { userPoolId: c.COGNITO_USER_POOL_ID, clientId: c.COGNITO_CLIENT_ID } : undefined,
    log: { level: c.LOG_LEVEL, pretty: c.LOG_FORMAT === undefined ? undefined : c.LOG_FORMAT === 'pretty' },
    limits: { jsonBodyBytes: c.JSON_BODY_LIMIT, uploadBodyBytes: c.UPLOAD_BODY_LIMIT },
    tokens: { accessTtlSeconds: c.ACCESS_TOKEN_TTL_SECONDS, refreshTtlSeconds: c.REFRESH_TOKEN_TTL_SECONDS },
    authRateLimitPerMinute: c.AUTH_RATE_LIMIT_PER_MINUTE,
    version,
  };
}
