import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapGetPostback } from './postback-mapping.ts';
import { PostbackMappingSchema } from './schemas.ts';

const everflow = PostbackMappingSchema.parse({ orderId: 'transaction_id', amount: 'amount', clickId: 'aff_sub', status: 'status', statusValues: { '1': 'approved', '2': 'reversed' } });
const awin = PostbackMappingSchema.parse({ orderId: 'ref', amount: 'commission_cents', amountUnit: 'cents', clickId: 'clickref', status: 'transaction_status', statusValues: { declined: 'reversed', approved: 'approved', pending: 'pending' }, defaultStatus: 'pending' });

describe('GET postback parameter mapping', () => {
  it("reads a network's own names and units", () => {
    expect(mapGetPostback({ transaction_id: 'T1', amount: '49.90', aff_sub: 'c1', status: '2' }, everflow, 'EUR')).toEqual({
      ok: true,
      body: { orderId: 'T1', amount: 4990, currency: 'EUR', clickId: 'c1', status: 'reversed' },
    });
    expect(mapGetPostback({ ref: 'R', commission_cents: '1200' }, awin, 'GBP')).toEqual({ ok: true, body: { orderId: 'R', amount: 1200, currency: 'GBP', status: 'pending' } });
  });

  it('names what is missing or unreadable', () => {
    const r = mapGetPostback({ amount: 'x', status: 'weird' }, everflow, 'EUR');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path).sort()).toEqual(['amount', 'status', 'transaction_id']);
  });

  it('never throws, whatever the query', () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('transaction_id', 'amount', 'aff_sub', 'status', '__proto__', 'x'), fc.string()), (q) => void mapGetPostback(q, everflow, 'EUR')));
  });
});
