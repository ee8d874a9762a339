import path from 'node:path';
import { z } from 'zod';
import { isMqttShareGroup } from './ports/mqtt.ts';
import { EmailSchema, PasswordSchema } from './validation/text.ts';

/** An optional variable: empty or blank counts as unset. */
export const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const port = z.coerce.number().int().min(0).max(65535);
const bytes = z.coerce.number().int().positive();

/** Everything the platform reads from its environment, validated once at start-up. */
export const configSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().default('127.0.0.1'),
  MQTT_PORT: port.optional(),
  MQTT_URL: optionalString,
  MQTT_SHARE_GROUP: optionalString.refine((v) => v === undefined || isMqttShareGroup(v), 'MQTT_SHARE_GROUP is one topic level (no "/", "+" or "#")'),
  NOVAEVO_DATA_DIR: z.string().default('./.novaevo'),
  NOVAEVO_NOW: z
    .string()
    .optional()
    .refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), 'NOVAEVO_NOW must be an ISO 8601 instant'),
  NOVAEVO_PUBLIC_URL: optionalString,
  NOVAEVO_ADMIN_EMAIL: optionalString.pipe(EmailSchema.optional()),
  NOVAEVO_ADMIN_PASSWORD: optionalString.pipe(PasswordSchema.optional()),
  DATABASE_URL: optionalString,
  TRUST_PROXY: optionalString.refine((v) => v === undefined || /^\d+$/.test(v) || /^[0-9a-fA-F:.,/\s]+$/.test(v), 'TRUST_PROXY is a hop count or a comma-separated list of addresses/CIDRs'),
  SMTP_URL: optionalString,
  SMTP_FROM: z.string().default('NovaEvo <no-reply@novaevo.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  JSON_BODY_LIMIT: bytes.default(1024 * 1024),
  MAX_CONNECTIONS: z.coerce.number().int().positive().default(4096),
  MAX_CONNECTIONS_PER_CLIENT: z.coerce.number().int().positive().default(1024),
  UPLOAD_BODY_LIMIT: bytes.default(10 * 1024 * 1024),
  OCR_ENGINE: z.enum(['tesseract', 'textract']).default('tesseract'),
  OCR_WORKERS: z.coerce.number().int().min(1).max(32).optional(),
  OCR_MAX_PIXELS: z.coerce.number().int().min(1_000_000).max(200_000_000).default(40_000_000),
  OCR_TEXTRACT_REGION: optionalString,
});

export type RawConfig = z.infer<typeof configSchema>;

/** The validated configuration, in the shape the code uses. */
export interface Config {
  http: { host: string; port: number; publicUrl: string | undefined };
  /**
   * `shareGroup`: the MQTT shared-subscription group of this deployment on an external broker
   * (MQTT_SHARE_GROUP; default derived from the database, see `deploymentShareGroup`).
   */
  mqtt: { port: number | undefined; url: string | undefined; shareGroup: string | undefined };
  dataDir: string;
  now: Date | undefined;
  admin: { email: string; password: string } | undefined;
  databaseUrl: string | undefined;
  /** Which proxies' X-Forwarded-For to believe: a hop count or addresses/CIDRs (none by default). */
  trustProxy: string | undefined;
  smtp: { url: string; from: string } | undefined;
  log: { level: string; pretty: boolean | undefined };
  limits: { jsonBodyBytes: number; uploadBodyBytes: number };
  /**
   * The OCR engine every module shares (registration certificates, Kbis scans): tesseract.js
   * (`workers` warm workers, default one per CPU) or Textract; images past `maxPixels` are 413.
   */
  ocr: { engine: 'tesseract' | 'textract'; workers: number | undefined; maxPixels: number; textractRegion: string | undefined };
  /** HTTP connections at once, in all and per client address (the latter unused behind a trusted proxy). */
  connections: { max: number; perClient: number };
  /** Each module's validated configuration section, by module name. */
  modules: Readonly<Record<string, unknown>>;
}

/** A module's configuration section: the zod schema of the environment variables it reads. */
export interface ConfigSection {
  name: string;
  config?: z.ZodType | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const issueLines = (error: z.ZodError, prefix = '') => error.issues.map((i) => `${prefix}${i.path.join('.')}: ${i.message}`);

/**
 * Parses the environment: the platform's variables and each module's section. Throws a
 * ConfigError that names every bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, options: { modules?: readonly ConfigSection[] } = {}): Config {
  // An empty variable (PORT=) means "not set", as in most shells' and tools' conventions.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = configSchema.safeParse(present);
  const lines = parsed.success ? [] : issueLines(parsed.error);
  const modules: Record<string, unknown> = {};
  for (const m of options.modules ?? []) {
    if (!m.config) continue;
    const section = m.config.safeParse(present);
    if (section.success) modules[m.name] = section.data;
    else lines.push(...issueLines(section.error));
  }
  if (!parsed.success || lines.length > 0) throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  const c = parsed.data;
  if ((c.NOVAEVO_ADMIN_EMAIL === undefined) !== (c.NOVAEVO_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('invalid configuration:\n  NOVAEVO_ADMIN_EMAIL and NOVAEVO_ADMIN_PASSWORD go together');
  }
  return {
    http: { host: c.HOST, port: c.PORT, publicUrl: c.NOVAEVO_PUBLIC_URL },
    mqtt: { port: c.MQTT_PORT, url: c.MQTT_URL, shareGroup: c.MQTT_SHARE_GROUP },
    dataDir: path.resolve(c.NOVAEVO_DATA_DIR),
    now: c.NOVAEVO_NOW === undefined ? undefined : new Date(c.NOVAEVO_NOW),
    admin: c.NOVAEVO_ADMIN_EMAIL && c.NOVAEVO_ADMIN_PASSWORD ? { email: c.NOVAEVO_ADMIN_EMAIL, password: c.NOVAEVO_ADMIN_PASSWORD } : undefined,
    databaseUrl: c.DATABASE_URL,
    trustProxy: c.TRUST_PROXY,
    smtp: c.SMTP_URL ? { url: c.SMTP_URL, from: c.SMTP_FROM } : undefined,
    log: { level: c.LOG_LEVEL, pretty: c.LOG_FORMAT === undefined ? undefined : c.LOG_FORMAT === 'pretty' },
    limits: { jsonBodyBytes: c.JSON_BODY_LIMIT, uploadBodyBytes: c.UPLOAD_BODY_LIMIT },
    connections: { max: c.MAX_CONNECTIONS, perClient: c.MAX_CONNECTIONS_PER_CLIENT },
    ocr: { engine: c.OCR_ENGINE, workers: c.OCR_WORKERS, maxPixels: c.OCR_MAX_PIXELS, textractRegion: c.OCR_TEXTRACT_REGION },
    modules,
  };
}
