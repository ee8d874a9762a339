import { z } from 'zod';
import { normaliseNaf } from './registry/company-registry.ts';

const days = z.coerce.number().int().positive();
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

// "33.17Z, 77.11A, 77.12" → normalised codes, or prefixes of them.
const nafList = z
  .string()
  .default('')
  .transform((s, ctx) =>
    s
      .split(',')
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean)
      .map((c) => {
        const code = normaliseNaf(c) ?? (/^\d{2}\.\d{2}$/.test(c) ? c : null);
        if (!code) ctx.addIssue({ code: 'custom', message: `"${c}" is not a NAF code such as 45.20A or a prefix such as 77.11` });
        return code ?? '';
      }),
  );

/** The KBIS module's configuration section (environment variables). */
export const kbisConfig = z
  .object({
    /** `local` (the imported SIRENE table) or `remote` (API Recherche d'entreprises). */
    KBIS_REGISTRY: z.enum(['local', 'remote']).default('local'),
    KBIS_REGISTRY_URL: z.url().default('https://recherche-entreprises.api.gouv.fr'),
    KBIS_REGISTRY_REQUESTS_PER_SECOND: z.coerce.number().positive().max(7).default(6),
    /** NAF codes beyond 45.xx that count as automotive (comma-separated codes or prefixes). */
    KBIS_AUTOMOTIVE_NAF: nafList,
    KBIS_MAX_AGE_MONTHS: z.coerce.number().int().min(1).max(24).default(3),
    /** Send uploads whose account holder is not a listed manager to review. */
    KBIS_REPRESENTATIVE_REQUIRED: flag.default(false),
    KBIS_DOCUMENT_RETENTION_DAYS: days.default(90),
    KBIS_RECHECK_DAYS: days.default(365),
  })
  .transform((c) => ({
    registry: { kind: c.KBIS_REGISTRY, url: c.KBIS_REGISTRY_URL, requestsPerSecond: c.KBIS_REGISTRY_REQUESTS_PER_SECOND },
    policy: { extraAutomotiveNaf: c.KBIS_AUTOMOTIVE_NAF, maxAgeMonths: c.KBIS_MAX_AGE_MONTHS },
    representativeRequired: c.KBIS_REPRESENTATIVE_REQUIRED,
    retentionDays: c.KBIS_DOCUMENT_RETENTION_DAYS,
    recheckDays: c.KBIS_RECHECK_DAYS,
  }));

export type KbisConfig = z.output<typeof kbisConfig>;
