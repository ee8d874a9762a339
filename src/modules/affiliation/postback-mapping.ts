import { parseDecimalCents } from './commission.ts';
import type { PostbackMapping } from './schemas.ts';

/**
 * A network's GET postback query (its own parameter names and units) as our postback body,
 * before validation: `?transaction_id=A1&amount=12.34&aff_sub=<click id>` with Everflow's names
 * becomes `{orderId: 'A1', amount: 1234, clickId: …}`. Returns the problems instead when a
 * mapped value cannot be read (the route answers them as a 400).
 *
 * @example
 * mapGetPostback({ tid: 'A1', sale: '9.90' }, { orderId: 'tid', amount: 'sale', amountUnit: 'decimal', statusValues: {}, defaultStatus: 'approved' }, 'EUR')
 * // → { ok: true, body: { orderId: 'A1', amount: 990, currency: 'EUR', status: 'approved' } }
 */
export function mapGetPostback(
  query: Readonly<Record<string, string>>,
  mapping: PostbackMapping,
  partnerCurrency: string,
): { ok: true; body: Record<string, unknown> } | { ok: false; errors: { path: string; message: string }[] } {
  const errors: { path: string; message: string }[] = [];
  const read = (name: string | undefined) => (name === undefined ? undefined : query[name]);
  const body: Record<string, unknown> = { orderId: read(mapping.orderId), currency: read(mapping.currency)?.toUpperCase() ?? partnerCurrency };

  const amount = read(mapping.amount);
  if (amount === undefined) errors.push({ path: mapping.amount, message: 'is required (the order amount)' });
  else {
    const cents = mapping.amountUnit === 'cents' ? (/^-?\d{1,10}$/.test(amount) ? Number(amount) : undefined) : parseDecimalCents(amount);
    if (cents === undefined) errors.push({ path: mapping.amount, message: mapping.amountUnit === 'cents' ? 'must be whole cents' : 'must be an amount such as 12.34' });
    else body.amount = cents;
  }

  const status = read(mapping.status);
  if (status === undefined || status === '') body.status = mapping.defaultStatus;
  else if (Object.hasOwn(mapping.statusValues, status)) body.status = mapping.statusValues[status];
  else if (status === 'pending' || status === 'approved' || status === 'reversed') body.status = status;
  else errors.push({ path: mapping.status ?? 'status', message: `"${status.slice(0, 40)}" is not a status this partner's mapping knows` });

  const clickId = read(mapping.clickId);
  if (clickId !== undefined && clickId !== '') body.clickId = clickId;
  const category = read(mapping.category);
  if (category !== undefined && category !== '') body.category = category;
  if (body.orderId === undefined) errors.push({ path: mapping.orderId, message: 'is required (the order id)' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, body };
}
