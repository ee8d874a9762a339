import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../../../test/support/module-harness.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { signPostback } from './postback-signature.ts';

type Account = Awaited<ReturnType<typeof signInAs>>;
const today = () => new Date().toISOString().slice(0, 10);

describe('offers, the commission statement and its CSV over HTTP', () => {
  let s: TestServer;
  let admin: Account;
  let pro: Account;
  let other: Account;
  let partner: { id: string; postbackSecret: string };
  let clickId: string;

  const postback = (body: Record<string, unknown>) => {
    const raw = JSON.stringify({ currency: 'EUR', status: 'approved', ...body });
    const ts = String(Math.floor(Date.now() / 1000));
    return s.call('POST', '/v1/affiliate/postbacks', { body: raw, headers: { 'x-novaevo-partner': partner.id, 'x-novaevo-timestamp': ts, 'x-novaevo-signature': signPostback(partner.postbackSecret, ts, raw) } });
  };

  beforeAll(async () => {
    s = await startTestServer();
    [admin, pro, other] = await Promise.all([signInAs(s, 'admin'), signInAs(s, 'verified-pro'), signInAs(s, 'verified-pro')]);
    const created = await s.call('POST', '/v1/affiliate/partners', {
      token: admin.token,
      body: { name: 'Assur+', domains: ['assur.example.fr'], commission: { type: 'fixed', value: 1500 }, attributionWindowDays: 30, clickIdParam: 'cid' },
    });
    partner = created.body;
    const link = await s.call('POST', '/v1/affiliate/links', { token: pro.token, body: { partnerId: partner.id, url: 'https://assur.example.fr/devis', campaign: 'printemps' } });
    const redirect = await fetch(`${s.url}/r/${link.body.code}`, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36' } });
    clickId = new URL(redirect.headers.get('location')!).searchParams.get('cid')!;
    for (const [i, orderId] of ['A-1', 'A-2', '=1+1'].entries()) expect((await postback({ clickId, orderId, amount: 10_000 + i })).status).toBe(200);
    expect((await postback({ orderId: 'B-1', amount: 500 })).body.attributed).toBe(false);
  });
  afterAll(() => s?.dispose());

  it('shows link makers the partners with their domains and commission, never a secret', async () => {
    const offers = await s.call('GET', '/v1/affiliate/offers', { token: pro.token });
    expect(offers.status).toBe(200);
    expect(offers.body.items).toEqual([{ id: partner.id, name: 'Assur+', domains: ['assur.example.fr'], currency: 'EUR', commission: { type: 'fixed', value: 1500, byCategory: {} }, attributionWindowDays: 30 }]);
    expect(JSON.stringify(offers.body)).not.toContain(partner.postbackSecret);
    const unverified = await signInAs(s, 'pro');
    expect((await s.call('GET', '/v1/affiliate/offers', { token: unverified.token })).body.code).toBe('PRO_NOT_VERIFIED');
    const owner = await signInAs(s, 'owner');
    expect((await s.call('GET', '/v1/affiliate/offers', { token: owner.token })).status).toBe(403);
  });

  it("lists a pro's own conversions newest first, page by page; an admin sees every one", async () => {
    const first = await s.call('GET', `/v1/affiliate/conversions?from=${today()}&to=${today()}&limit=2`, { token: pro.token });
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: { orderId: string }) => e.orderId)).toEqual(['=1+1', 'A-2']);
    expect(first.body.items[0]).toMatchObject({ partnerName: 'Assur+', commission: 1500, attributed: true, campaign: 'printemps', orgId: pro.orgId, status: 'approved' });
    const second = await s.call('GET', `/v1/affiliate/conversions?from=${today()}&to=${today()}&limit=2&cursor=${first.body.next_cursor}`, { token: pro.token });
    expect(second.body).toMatchObject({ items: [{ orderId: 'A-1' }], next_cursor: null });
    expect((await s.call('GET', `/v1/affiliate/conversions?from=${today()}&to=${today()}`, { token: other.token })).body.items).toEqual([]);
    const all = await s.call('GET', `/v1/affiliate/conversions?from=${today()}&to=${today()}`, { token: admin.token });
    expect(all.body.items.find((e: { orderId: string }) => e.orderId === 'B-1')).toMatchObject({ attributed: false, unattributedReason: 'NO_CLICK_ID', linkCode: null });
  });

  it('names the report rows: the partner, the link with its campaign, the company', async () => {
    const report = async (token: string, groupBy: string) => (await s.call('GET', `/v1/affiliate/reports?from=${today()}&to=${today()}&groupBy=${groupBy}`, { token })).body.rows;
    expect((await report(pro.token, 'partner')).map((r: { label: string }) => r.label)).toEqual(['Assur+']);
    expect((await report(pro.token, 'link'))[0].label).toMatch(/^[0-9A-Za-z]{9} · printemps$/);
    expect((await report(pro.token, 'day'))[0].label).toBeNull();
    const byCompany = await report(admin.token, 'professional');
    expect(byCompany.find((r: { key: string }) => r.key === pro.orgId).label).toBe('Garage verified-pro');
    expect(byCompany.find((r: { key: string }) => r.key === 'unattributed').label).toBeNull();
  });

  it('refuses bad ranges and cursors with their codes', async () => {
    const get = (q: string) => s.call('GET', `/v1/affiliate/conversions?${q}`, { token: pro.token });
    expect((await get('from=2026-02-10&to=2026-02-01')).body.code).toBe('RANGE_INVALID');
    expect((await get('from=2020-01-01&to=2026-02-01')).body.code).toBe('RANGE_TOO_LONG');
    expect((await get('from=2026-13-01&to=2026-02-01')).body.code).toBe('VALIDATION_FAILED');
    expect((await get(`from=${today()}&to=${today()}&cursor=nope`)).body.code).toBe('CURSOR_INVALID');
    expect((await s.call('GET', '/v1/affiliate/conversions.csv?from=x&to=y', { token: pro.token })).status).toBe(400);
  });

  it('downloads the statement as CSV, amounts in euros, formulas neutralised', async () => {
    const res = await fetch(`${s.url}/v1/affiliate/conversions.csv?from=${today()}&to=${today()}`, { headers: { authorization: `Bearer ${pro.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="novaevo-commissions-${today()}-${today()}.csv"`);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.orderId, r.amount, r.commission, r.partner, r.campaign])).toEqual([
      ["'=1+1", '100.02', '15.00', 'Assur+', 'printemps'],
      ['A-2', '100.01', '15.00', 'Assur+', 'printemps'],
      ['A-1', '100.00', '15.00', 'Assur+', 'printemps'],
    ]);
  });

  it('names each unreadable statement line by a code the web app can word', async () => {
    const res = await fetch(`${s.url}/v1/affiliate/reconciliations?partnerId=${partner.id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'text/csv' },
      body: 'orderId,amount,status\nA-1,dix,approved\nA-2,1.00,peut-être\n',
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'STATEMENT_INVALID', errors: [{ line: 2, code: 'AMOUNT_INVALID' }, { line: 3, code: 'STATUS_INVALID' }] });
  });
});
