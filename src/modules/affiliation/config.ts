import path from 'node:path';
import { z } from 'zod';

const positive = z.coerce.number().int().positive();

/**
 * The affiliation module's configuration section. The click journal lives in the module's own
 * folder under the data folder (one process per folder, like the embedded database); the key
 * sealing partner secrets comes from AFFILIATION_SECRET_KEY (32 bytes, base64 or hex: set it in
 * production, from a secret manager), or else from a key file made once in that folder.
 */
export const affiliationConfig = z
  .object({
    NOVAEVO_DATA_DIR: z.string().default('./.novaevo'),
    AFFILIATION_DATA_DIR: z.string().optional(),
    AFFILIATION_SECRET_KEY: z
      .string()
      .transform((s, ctx) => {
        const key = /^[0-9a-f]{64}$/i.test(s) ? Buffer.from(s, 'hex') : Buffer.from(s, 'base64');
        if (key.length !== 32) ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, as 64 hex digits or base64' });
        return key;
      })
      .optional(),
    /** How long a rotated-out postback secret stays valid. */
    AFFILIATION_SECRET_GRACE_HOURS: positive.max(24 * 30).default(72),
    /** How often each process reloads changed links into its redirect cache (other processes' edits). */
    AFFILIATION_LINK_REFRESH_MS: positive.max(60_000).default(2_000),
    /** How often buffered clicks are written to SQL, and the largest batch. */
    AFFILIATION_CLICK_FLUSH_MS: positive.max(60_000).default(250),
    AFFILIATION_CLICK_BATCH: positive.max(5_000).default(1_000),
    /** When a redirect may answer: its click on the disk (`fsync`), or in the kernel's cache (`write`: survives a killed process, not a power cut). */
    AFFILIATION_CLICK_SYNC: z.enum(['fsync', 'write']).default('fsync'),
  })
  .transform((c) => ({
    dataDir: path.resolve(c.AFFILIATION_DATA_DIR ?? path.join(c.NOVAEVO_DATA_DIR, 'affiliation')),
    secretKey: c.AFFILIATION_SECRET_KEY,
    secretGraceMs: c.AFFILIATION_SECRET_GRACE_HOURS * 3_600_000,
    linkRefreshMs: c.AFFILIATION_LINK_REFRESH_MS,
    clickFlushMs: c.AFFILIATION_CLICK_FLUSH_MS,
    clickBatch: c.AFFILIATION_CLICK_BATCH,
    clickSync: c.AFFILIATION_CLICK_SYNC,
  }));

export type AffiliationConfig = z.output<typeof affiliationConfig>;
