import { z } from 'zod';

const count = z.number().finite().nonnegative();
const about = z.string().optional();

// Each module's `requests_per_day` counts its own unit of work: a verification, a document read,
// an analysis, a flash job, a slot search, a redirect, an API call of the OBD module.
const moduleSchemas = {
  kbis: z.strictObject({ requests_per_day: count, pages_per_document: count.default(2), document_kb: count.default(300), scan_share: z.number().min(0).max(1).default(0.3), about }),
  ocr: z.strictObject({ requests_per_day: count, pages_per_document: count.default(1), document_kb: count.default(800), about }),
  nlp: z.strictObject({ requests_per_day: count, about }),
  flash: z.strictObject({ requests_per_day: count, firmware_mb: count.default(2), backup_mb: count.default(2), about }),
  planning: z.strictObject({ requests_per_day: count, bookings_per_day: count.default(0), optimiser_runs_per_day: count.default(24), about }),
  affiliation: z.strictObject({ requests_per_day: count, about }),
  obd: z.strictObject({
    requests_per_day: count,
    devices: count.default(0),
    messages_per_device_per_day: count.default(0),
    connected_hours_per_device_per_day: z.number().min(0).max(24).default(0),
    readings_per_message: count.default(8),
    about,
  }),
};

export const MODULES = Object.keys(moduleSchemas) as ModuleName[];
export type ModuleName = keyof typeof moduleSchemas;

const profileSchema = z.strictObject({
  name: z.string().min(1),
  about,
  days_per_month: z.number().positive().max(31).default(30),
  modules: z.strictObject(moduleSchemas).partial(),
  storage: z.strictObject({ database_gb: count.default(0), key_value_gb: count.default(0) }).default({ database_gb: 0, key_value_gb: 0 }),
  retention: z
    .strictObject({ documents_days: count.default(365), device_data_days: count.default(90), flash_backups_days: count.default(365), logs_days: count.default(30) })
    .default({ documents_days: 365, device_data_days: 90, flash_backups_days: 365, logs_days: 30 }),
  platform: z.strictObject({ aurora_average_acu: count.default(0.5), kms_keys: count.default(3) }).default({ aurora_average_acu: 0.5, kms_keys: 3 }),
});

/** A usage profile with every default filled in. */
export type UsageProfile = z.output<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;

/** A profile that cannot be used: the message names the field and what it should be. */
export class ProfileError extends Error {
  readonly code = 'PROFILE_INVALID';
}

const describePath = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join('.') : '(the profile itself)');

/**
 * Parses a usage profile (JSON text). Throws a {@link ProfileError} naming the first wrong field
 * (`modules.kbis.requests_per_day: …`) and the file it came from.
 */
export function parseUsageProfile(text: string, file = 'the profile'): UsageProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ProfileError(`${file} is not JSON: ${(err as Error).message}`);
  }
  const parsed = profileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.code === 'unrecognized_keys' ? describePath([...issue.path, issue.keys[0] ?? '']) : describePath(issue.path);
  const inModules = issue.path.length === 1 && issue.path[0] === 'modules';
  const why = issue.code !== 'unrecognized_keys' ? issue.message : inModules ? `not a module (the modules are ${MODULES.join(', ')})` : 'not a field of a usage profile';
  throw new ProfileError(`${file}: ${where}: ${why}`);
}
