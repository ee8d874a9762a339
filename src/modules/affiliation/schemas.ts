import { z } from '@hono/zod-openapi';
import { text } from '../../platform/validation/text.ts';
import { MAX_AMOUNT_CENTS } from './commission.ts';
import { normaliseHost } from './destination-url.ts';
import { HOST_PATTERN, PARAM_NAME_PATTERN } from './names.ts';

const Host = z
  .string()
  .max(253)
  .transform(normaliseHost)
  .pipe(z.string().regex(HOST_PATTERN, 'must be a host name such as shop.example.fr'));

const Category = text({ max: 60 });

export const CommissionRuleSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('percent'), value: z.number().min(0).max(100).openapi({ description: 'Percent of the order amount, at most two decimals (4.5 = 4.5 %)' }) }),
    z.object({ type: z.literal('fixed'), value: z.number().int().min(0).max(MAX_AMOUNT_CENTS).openapi({ description: 'Cents per approved or pending conversion' }) }),
  ])
  .openapi('AffiliateCommissionRule');

const ParamName = z.string().regex(PARAM_NAME_PATTERN, 'must be a query parameter name (letters, digits, _ . - [ ])');

export const NewPartnerSchema = z
  .object({
    name: text({ max: 120 }),
    domains: z.array(Host).min(1).max(20),
    currency: z.string().regex(/^[A-Z]{3}$/).default('EUR'),
    commission: CommissionRuleSchema.and(z.object({ byCategory: z.record(Category, CommissionRuleSchema).optional() })),
    attributionWindowDays: z.number().int().min(1).max(365),
    clickIdParam: ParamName,
  })
  .openapi('NewAffiliatePartner');

/** Parameter names of a network's GET postback (Everflow, TUNE/HasOffers, Awin style). */
export const PostbackMappingSchema = z
  .object({
    orderId: ParamName,
    amount: ParamName,
    clickId: ParamName.optional(),
    currency: ParamName.optional(),
    category: ParamName.optional(),
    status: ParamName.optional(),
    amountUnit: z.enum(['decimal', 'cents']).default('decimal'),
    /** The network's status values → ours (e.g. Awin's `declined` → `reversed`); unmapped values are refused. */
    statusValues: z.record(z.string().max(64), z.enum(['pending', 'approved', 'reversed'])).default({}),
    /** Status when the network sends none. */
    defaultStatus: z.enum(['pending', 'approved', 'reversed']).default('approved'),
  })
  .openapi('AffiliatePostbackMapping');
export type PostbackMapping = z.infer<typeof PostbackMappingSchema>;

export const PartnerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domains: z.array(z.string()),
    currency: z.string(),
    commission: z.unknown().openapi({ description: 'As created' }),
    attributionWindowDays: z.number().int(),
    clickIdParam: z.string(),
    postbackMapping: PostbackMappingSchema.nullable(),
    previousSecretValidUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('AffiliatePartner');

export const PartnerWithSecretSchema = PartnerSchema.extend({
  postbackSecret: z.string().openapi({ description: 'HMAC key of signed postbacks: shown once, store it now' }),
  getPostbackUrl: z.string().openapi({ description: 'Base of GET postbacks, with the token: shown once' }),
}).openapi('AffiliatePartnerWithSecret');

export const NewLinkSchema = z
  .object({
    partnerId: z.string().max(64),
    url: z.string().max(2000),
    campaign: text({ max: 100 }).optional(),
    category: Category.optional(),
  })
  .openapi('NewAffiliateLink');

export const LinkSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    shortUrl: z.string(),
    partnerId: z.string(),
    url: z.string(),
    campaign: z.string().nullable(),
    category: z.string().nullable(),
    orgId: z.string().nullable(),
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('AffiliateLink');
export type Link = z.infer<typeof LinkSchema>;

export const ConversionStatus = z.enum(['pending', 'approved', 'reversed']);
export type ConversionStatus = z.infer<typeof ConversionStatus>;

export const PostbackBodySchema = z
  .object({
    clickId: z.string().max(64).optional(),
    orderId: text({ max: 120 }),
    amount: z.number().int().min(-MAX_AMOUNT_CENTS).max(MAX_AMOUNT_CENTS).openapi({ description: 'Integer cents' }),
    currency: z.string().regex(/^[A-Z]{3}$/),
    category: Category.optional(),
    status: ConversionStatus,
  })
  .openapi('AffiliatePostback');
export type PostbackInput = z.infer<typeof PostbackBodySchema>;

export const ConversionSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    status: ConversionStatus,
    amount: z.number().int(),
    currency: z.string(),
    commission: z.number().int(),
    attributed: z.boolean(),
    unattributedReason: z.string().nullable(),
    linkId: z.string().nullable(),
    changed: z.boolean().openapi({ description: 'False when this postback repeated what we already had (or an older status)' }),
  })
  .openapi('AffiliateConversion');
export type Conversion = z.infer<typeof ConversionSchema>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'must be a date YYYY-MM-DD');

export const ReportQuerySchema = z.object({
  from: Day,
  to: Day,
  groupBy: z.enum(['day', 'partner', 'link', 'professional']).default('day'),
});

export const ReportRowSchema = z
  .object({
    key: z.string(),
    label: z.string().nullable().openapi({ description: 'The key in words: the partner name, the link code and campaign, the company name; null for days and unattributed rows' }),
    currency: z.string().nullable(),
    clicks: z.number().int(),
    uniqueClicks: z.number().int(),
    botClicks: z.number().int(),
    botReasons: z.record(z.string(), z.number().int()),
    conversions: z.number().int(),
    revenue: z.number().int(),
    commission: z.number().int(),
    conversionRate: z.number(),
    epc: z.number().openapi({ description: 'Commission per (non-bot) click, in cents' }),
  })
  .openapi('AffiliateReportRow');
export type ReportRow = z.infer<typeof ReportRowSchema>;

/** A partner as link makers see it: where links may point and what it pays, no secret. */
export const OfferSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domains: z.array(z.string()),
    currency: z.string(),
    commission: z.unknown().openapi({ description: 'The partner rule: {type, value, byCategory}' }),
    attributionWindowDays: z.number().int(),
  })
  .openapi('AffiliateOffer');

export const StatementQuerySchema = ReportQuerySchema.pick({ from: true, to: true });

export const StatementEntrySchema = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    partnerName: z.string(),
    orderId: z.string(),
    status: ConversionStatus,
    amount: z.number().int().openapi({ description: 'Integer cents' }),
    currency: z.string(),
    commission: z.number().int().openapi({ description: 'Integer cents (0 once reversed)' }),
    attributed: z.boolean(),
    unattributedReason: z.string().nullable(),
    linkId: z.string().nullable(),
    linkCode: z.string().nullable(),
    campaign: z.string().nullable(),
    orgId: z.string().nullable(),
    receivedAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AffiliateStatementEntry');
