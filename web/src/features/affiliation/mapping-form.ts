import { z } from 'zod';
import { PARAM_NAME_PATTERN } from '../../../../src/modules/affiliation/names.ts';
import type { PostbackMapping } from './api.ts';

const status = z.enum(['pending', 'approved', 'reversed']);
const param = z.string().trim().regex(PARAM_NAME_PATTERN, 'check.param');
const optionalParam = z.string().trim().refine((s) => s === '' || PARAM_NAME_PATTERN.test(s), 'check.param');

export const OPTIONAL_PARAMS = ['clickId', 'currency', 'category', 'status'] as const;

/** The GET postback mapping form: parameter names, amount unit, status words; empty optional names are left out. */
export const mappingFormSchema = z
  .object({
    orderId: param,
    amount: param,
    clickId: optionalParam,
    currency: optionalParam,
    category: optionalParam,
    status: optionalParam,
    amountUnit: z.enum(['decimal', 'cents']),
    defaultStatus: status,
    statusValues: z.array(z.object({ network: z.string().trim().min(1, 'check.required').max(64), ours: status })),
  })
  .transform(
    (f): PostbackMapping => ({
      orderId: f.orderId,
      amount: f.amount,
      ...Object.fromEntries(OPTIONAL_PARAMS.filter((k) => f[k] !== '').map((k) => [k, f[k]])),
      amountUnit: f.amountUnit,
      defaultStatus: f.defaultStatus,
      statusValues: Object.fromEntries(f.statusValues.map((v) => [v.network, v.ours])),
    }),
  );

export type MappingFormInput = z.input<typeof mappingFormSchema>;

/** The form's values for a partner's current mapping (or an empty one). */
export function mappingFormValues(m: PostbackMapping | null): MappingFormInput {
  return {
    orderId: m?.orderId ?? '',
    amount: m?.amount ?? '',
    clickId: m?.clickId ?? '',
    currency: m?.currency ?? '',
    category: m?.category ?? '',
    status: m?.status ?? '',
    amountUnit: m?.amountUnit ?? 'decimal',
    defaultStatus: m?.defaultStatus ?? 'approved',
    statusValues: Object.entries(m?.statusValues ?? {}).map(([network, ours]) => ({ network, ours })),
  };
}
