import { z } from 'zod';
// The API's own rules (pure code of the module), so the form refuses what the API would.
import { parseDecimalCents, percentToBasisPoints } from '../../../../src/modules/affiliation/commission.ts';
import { normaliseHost } from '../../../../src/modules/affiliation/destination-url.ts';
import { HOST_PATTERN, PARAM_NAME_PATTERN } from '../../../../src/modules/affiliation/names.ts';
import type { NewPartner } from './api.ts';

type Rule = { type: 'percent' | 'fixed'; value: string };

/** A typed commission value as the API's number: a percent, or cents for a fixed amount; undefined when it is not one. */
export function ruleValue(rule: Rule): number | undefined {
  if (rule.type === 'fixed') {
    const cents = parseDecimalCents(rule.value);
    return cents !== undefined && cents >= 0 ? cents : undefined;
  }
  if (!/^\s*\d{1,3}([.,]\d{1,2})?\s*$/.test(rule.value)) return undefined;
  const percent = Number(rule.value.trim().replace(',', '.'));
  return percentToBasisPoints(percent) === undefined ? undefined : percent;
}

/** The domains typed one per line or comma-separated, in the form the API compares them. */
export const domainList = (text: string): string[] => [...new Set(text.split(/[\s,;]+/).map(normaliseHost).filter(Boolean))];

const ruleSchema = z
  .object({ type: z.enum(['percent', 'fixed']), value: z.string() })
  .superRefine((r, ctx) => {
    if (ruleValue(r) === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: r.type === 'fixed' ? 'check.money' : 'check.percent' });
  });

export const partnerFormSchema = z
  .object({
    name: z.string().trim().min(1, 'check.required').max(120),
    domains: z.string().refine((s) => domainList(s).length > 0, 'check.required').refine((s) => domainList(s).every((h) => HOST_PATTERN.test(h)), 'check.host'),
    currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'check.currency'),
    commission: ruleSchema,
    byCategory: z.array(ruleSchema.and(z.object({ category: z.string().trim().min(1, 'check.required').max(60) }))),
    attributionWindowDays: z.string().regex(/^\s*\d{1,3}\s*$/, 'check.days').refine((s) => Number(s) >= 1 && Number(s) <= 365, 'check.days'),
    clickIdParam: z.string().trim().regex(PARAM_NAME_PATTERN, 'check.param'),
  })
  .transform(
    (f): NewPartner => ({
      name: f.name,
      domains: domainList(f.domains),
      currency: f.currency,
      commission: {
        type: f.commission.type,
        value: ruleValue(f.commission)!,
        byCategory: Object.fromEntries(f.byCategory.map((c) => [c.category, { type: c.type, value: ruleValue(c)! }])),
      },
      attributionWindowDays: Number(f.attributionWindowDays),
      clickIdParam: f.clickIdParam,
    }),
  );

export type PartnerFormInput = z.input<typeof partnerFormSchema>;

export const emptyPartnerForm: PartnerFormInput = {
  name: '',
  domains: '',
  currency: 'EUR',
  commission: { type: 'percent', value: '' },
  byCategory: [],
  attributionWindowDays: '30',
  clickIdParam: 'nv_click',
};
