import { z } from 'zod';

const regionList = z.union([z.array(z.string()), z.string()]).transform((v) => (Array.isArray(v) ? v : v.split(',').map((s) => s.trim()).filter(Boolean)));
const concurrency = z.union([z.record(z.string(), z.coerce.number().int().min(0)), z.string()]).transform((v) =>
  typeof v === 'string' ? (JSON.parse(v) as Record<string, number>) : v,
);
const flag = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');

/**
 * The stack's knobs, from CDK context (`cdk.json`, `-c key=value`) with these defaults. Context
 * values given on the command line are strings, hence the coercions.
 */
export const stackSettingsSchema = z.object({
  /** Prefix of every name (`novaevo-<stage>-…`), and whether data is retained on delete. */
  stage: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/).default('dev'),
  region: z.string().default('eu-west-3'),
  /** DynamoDB global table replicas, e.g. `eu-central-1,eu-west-1` (multi-region failover). */
  replicaRegions: regionList.default([]),
  /** Provisioned concurrency per module function, e.g. `{"kbis":2,"planning":2}` (0 or absent: none). */
  provisionedConcurrency: concurrency.default({}),
  /** Days CloudWatch keeps function, API, state machine and flow logs. */
  logRetentionDays: z.coerce.number().int().positive().default(30),
  /** Days uploaded documents (Kbis extracts, registration certificates) are kept. */
  documentRetentionDays: z.coerce.number().int().positive().default(90),
  /** Days the database keeps automated backups. */
  backupRetentionDays: z.coerce.number().int().min(1).max(35).default(7),
  /** Aurora capacity range in ACUs; a minimum of 0 lets the cluster pause when idle. */
  dbMinCapacity: z.coerce.number().min(0).default(0),
  dbMaxCapacity: z.coerce.number().min(1).default(4),
  /** RDS Proxy in front of Aurora: connection pooling for high concurrency (its connections keep the cluster from pausing). */
  dbProxy: flag.default(false),
  /**
   * Minutes between two runs of the modules' housekeeping chores, aligned on the clock so that
   * every module's run wakes the database at the same time. Each run opens the database: under
   * the cluster's 10-minute auto-pause delay it would never pause. A divisor of 60, or a whole
   * number of hours dividing a day.
   */
  choreIntervalMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .refine((m) => (m < 60 ? 60 % m === 0 : m % 60 === 0 && 1440 % m === 0), 'must divide an hour, or be whole hours dividing a day')
    .default(60),
  /** NAT gateways of the VPC (functions reach AWS APIs and the company registry through them). */
  natGateways: z.coerce.number().int().min(1).max(3).default(1),
  /** Email address subscribed to the alarm topic (none when empty). */
  alarmEmail: z.string().email().optional(),
});

export type StackSettings = z.output<typeof stackSettingsSchema>;

/** Reads the settings from a context getter (`node.tryGetContext`); throws naming the bad key. */
export function readStackSettings(get: (key: string) => unknown): StackSettings {
  const raw = Object.fromEntries(Object.keys(stackSettingsSchema.shape).map((k) => [k, get(k)]).filter(([, v]) => v !== undefined));
  const parsed = stackSettingsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`bad CDK context: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
