import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPostback } from '../../src/modules/affiliation/index.ts';
import { signInAs } from '../support/module-harness.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const today = () => new Date().toISOString().slice(0, 10);

describe('affiliation through the real runtime', () => {
  let s: TestServer;
  let admin: Awaited<ReturnType<typeof signInAs>>;
  let pro: Awaited<ReturnType<typeof signInAs>>;
  let partner: { id: string; postbackSecret: string; getPostbackUrl: string };
  let link: { code: string; shortUrl: string; id: string };
  let clickId: string;

  const redirect = (code: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${s.url}/r/${code}`, { method, headers: { 'user-agent': BROWSER, ...headers }, redirect: 'manual' });
  const postback = (body: unknown, options: { secret?: string; timestamp?: number; partnerId?: string } = {}) => {
    const raw = JSON.stringify(body);
    const ts = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    return s.call('POST', '/v1/affiliate/postbacks', {
      body: raw,
      headers: { 'x-novaevo-partner': options.partnerId ?? partner.id, 'x-novaevo-timestamp': ts, 'x-novaevo-signature': signPostback(options.secret ?? partner.postbackSecret, ts, raw) },
    });
  };
  const report = async (token: string, groupBy: string) => {
    const r = await s.call('GET', `/v1/affiliate/reports?from=${today()}&to=${today()}&groupBy=${groupBy}`, { token });
    expect(r.status).toBe(200);
    return r.body.rows as Record<string, any>[];
  };

  beforeAll(async () => {
    s = await startTestServer();
    [admin, pro] = await Promise.all([signInAs(s, 'admin'), signInAs(s, 'verified-pro')]);
  });
  afterAll(() => s?.dispose());

  it('lets an admin add a partner, answering its secret once', async () => {
    const input = {
      name: 'Pneus Express',
      domains: ['pneus.example.fr'],
      commission: { type: 'percent', value: 4.5, byCategory: { jantes: { type: 'fixed', value: 500 } } },
      attributionWindowDays: 30,
      clickIdParam: 'nv_click',
    };
    expect((await s.call('POST', '/v1/affiliate/partners', { token: pro.token, body: input })).status).toBe(403);
    const created = await s.call('POST', '/v1/affiliate/partners', { token: admin.token, body: input });
    expect(created.status).toBe(201);
    expect(created.body.postbackSecret).toMatch(/^[\w-]{43}$/);
    partner = created.body;
    const listed = await s.call('GET', '/v1/affiliate/partners', { token: admin.token });
    expect(JSON.stringify(listed.body)).not.toContain(partner.postbackSecret);
  });

  it('makes links only to the partner hosts, and only for verified pros and admins', async () => {
    const unverified = await signInAs(s, 'pro');
    const body = { partnerId: partner.id, url: 'https://www.pneus.example.fr/promo?ref=abc#haut', campaign: 'hiver' };
    expect((await s.call('POST', '/v1/affiliate/links', { token: unverified.token, body })).body.code).toBe('PRO_NOT_VERIFIED');
    for (const url of ['https://pneus.example.fr.evil.com/', 'https://evilpneus.example.fr/', 'javascript:alert(1)', 'https://user@pneus.example.fr/']) {
      const refused = await s.call('POST', '/v1/affiliate/links', { token: pro.token, body: { ...body, url } });
      expect(refused.status, url).toBe(422);
    }
    const created = await s.call('POST', '/v1/affiliate/links', { token: pro.token, body });
    expect(created.status).toBe(201);
    expect(created.body.code).toMatch(/^[0-9A-Za-z]{9}$/);
    expect(created.body.shortUrl).toBe(`${s.url}/r/${created.body.code}`);
    link = created.body;
  });

  it('redirects with the click id and UTM parameters, keeping the query, and never caches', async () => {
    const res = await redirect(link.code, { referer: 'https://forum.example.org/topic/1' });
    expect(res.status).toBe(302);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe('https://www.pneus.example.fr');
    expect(to.searchParams.get('ref')).toBe('abc');
    expect(to.hash).toBe('#haut');
    expect(Object.fromEntries([...to.searchParams].filter(([k]) => k.startsWith('utm_')))).toEqual({ utm_source: 'novaevo', utm_medium: 'affiliate', utm_campaign: 'hiver' });
    clickId = to.searchParams.get('nv_click')!;
    expect(clickId).toMatch(/^[0-9a-f-]{36}$/);

    const missing = await redirect('ZZZZZZZZZ');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/text\/html/);
    expect((await redirect('../../etc')).status).toBe(404);
  });

  it('counts bots, prefetches and HEAD requests apart, each with its reason', async () => {
    expect((await redirect(link.code, { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' })).status).toBe(302);
    expect((await redirect(link.code, { 'sec-purpose': 'prefetch' })).status).toBe(302);
    expect((await redirect(link.code, {}, 'HEAD')).status).toBe(302);
    const [row] = await report(pro.token, 'link');
    expect(row).toMatchObject({ key: link.id, clicks: 1, uniqueClicks: 1, botClicks: 3, botReasons: { 'known-bot': 1, prefetch: 1, 'head-request': 1 } });
  });

  it('attributes a signed postback to the click, once, and refuses bad signatures and replays', async () => {
    const body = { clickId, orderId: 'O-1', amount: 12345, currency: 'EUR', status: 'pending' };
    const first = await postback(body);
    expect(first.status).toBe(200);
    // 4.5 % of 123.45 € = 5.555 25 €, rounded half up to the cent.
    expect(first.body).toMatchObject({ attributed: true, linkId: link.id, commission: 556, changed: true });
    expect((await postback(body)).body).toMatchObject({ changed: false, status: 'pending' });

    expect((await postback(body, { secret: 'not-the-secret' })).body.code).toBe('SIGNATURE_INVALID');
    expect((await postback(body, { timestamp: Math.floor(Date.now() / 1000) - 301 })).body.code).toBe('TIMESTAMP_OUT_OF_WINDOW');
    expect((await postback(body, { partnerId: '0190a0a0-0000-7000-8000-000000000000' })).status).toBe(401);
    const ts = String(Math.floor(Date.now() / 1000));
    const tampered = await s.call('POST', '/v1/affiliate/postbacks', {
      body: JSON.stringify({ ...body, amount: 99999 }),
      headers: { 'x-novaevo-partner': partner.id, 'x-novaevo-timestamp': ts, 'x-novaevo-signature': signPostback(partner.postbackSecret, ts, JSON.stringify(body)) },
    });
    expect(tampered.status).toBe(401);
    expect((await postback({ ...body, amount: 1.5 })).body.code).toBe('VALIDATION_FAILED');
    expect((await postback({ ...body, currency: 'USD' })).body.code).toBe('CURRENCY_MISMATCH');

    expect((await postback({ ...body, status: 'approved' })).body).toMatchObject({ status: 'approved', changed: true, commission: 556 });
    const [row] = await report(pro.token, 'professional');
    expect(row).toMatchObject({ key: pro.orgId, clicks: 1, conversions: 1, revenue: 12345, commission: 556, conversionRate: 1, epc: 556 });
    // A late "pending" does not undo the approval.
    expect((await postback(body)).body).toMatchObject({ status: 'approved', changed: false });
  });

  it('keeps one conversion when two copies of a postback race', async () => {
    const body = { orderId: 'O-2', amount: 5000, currency: 'EUR', status: 'approved', category: 'jantes' };
    const answers = await Promise.all([postback(body), postback(body), postback(body)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.body.changed)).toHaveLength(1);
    expect(answers[0]!.body).toMatchObject({ attributed: false, unattributedReason: 'NO_CLICK_ID', commission: 500 });
  });

  it('cancels the commission on a reversal, and the report follows', async () => {
    const reversed = await postback({ clickId, orderId: 'O-1', amount: 12345, currency: 'EUR', status: 'reversed' });
    expect(reversed.body).toMatchObject({ status: 'reversed', commission: 0, changed: true });
    expect((await postback({ clickId, orderId: 'O-1', amount: 12345, currency: 'EUR', status: 'approved' })).body.changed).toBe(false);
    const [row] = await report(pro.token, 'link');
    expect(row).toMatchObject({ conversions: 0, commission: 0 });
    const other = await signInAs(s, 'verified-pro');
    expect(await report(other.token, 'link')).toEqual([]);
  });

  it('takes a network GET postback with its own parameter names and the partner token', async () => {
    const mapping = { orderId: 'transaction_id', amount: 'sale_amount', clickId: 'aff_sub', status: 'status', statusValues: { '1': 'approved', '2': 'reversed' } };
    expect((await s.call('PUT', `/v1/affiliate/partners/${partner.id}/postback-mapping`, { token: admin.token, body: mapping })).status).toBe(200);
    const url = new URL(partner.getPostbackUrl);
    const get = (query: string) => s.call('GET', `${url.pathname}${url.search}&${query}`);
    const ok = await get('transaction_id=O-3&sale_amount=20.00&status=1');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ orderId: 'O-3', amount: 2000, commission: 90, status: 'approved' });
    expect((await get('transaction_id=O-3&sale_amount=20.00&status=1')).body.changed).toBe(false);
    expect((await get('transaction_id=O-4&sale_amount=abc')).body.code).toBe('VALIDATION_FAILED');
    expect((await get('transaction_id=O-4&sale_amount=1&status=9')).status).toBe(400);
    expect((await s.call('GET', `${url.pathname}?token=wrong&transaction_id=O-5&sale_amount=1`)).body.code).toBe('POSTBACK_TOKEN_INVALID');
  });

  it('rotates the secret, the old one still valid for the grace period', async () => {
    const rotated = await s.call('POST', `/v1/affiliate/partners/${partner.id}/secret-rotations`, { token: admin.token });
    expect(rotated.status).toBe(201);
    expect(rotated.body.postbackSecret).not.toBe(partner.postbackSecret);
    expect(rotated.body.previousSecretValidUntil).not.toBeNull();
    const body = { orderId: 'O-6', amount: 100, currency: 'EUR', status: 'pending' };
    expect((await postback(body)).status).toBe(200);
    expect((await postback({ ...body, status: 'approved' }, { secret: rotated.body.postbackSecret })).body.changed).toBe(true);
  });

  it('reconciles a statement: matched, amount mismatches, missing on each side', async () => {
    const csv = 'orderId;amount;status\nO-1;123,45;declined\nO-2;49.00;approved\nO-9;10.00;approved\n';
    const call = (body: string, type = 'text/csv') =>
      fetch(`${s.url}/v1/affiliate/reconciliations?partnerId=${partner.id}`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}`, 'content-type': type }, body }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const r = await call(csv);
    expect(r.status).toBe(200);
    expect(r.body.matched.map((m: { orderId: string }) => m.orderId)).toEqual(['O-1']);
    expect(r.body.mismatched).toEqual([expect.objectContaining({ orderId: 'O-2', fields: ['amount'] })]);
    expect(r.body.missingOurs.map((m: { orderId: string }) => m.orderId)).toEqual(['O-9']);
    expect(r.body.missingTheirs.map((m: { orderId: string }) => m.orderId).sort()).toEqual(['O-3', 'O-6']);
    const bad = await call('orderId,amount,status\nO-1,douze,approved\n');
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'STATEMENT_INVALID', errors: [{ line: 2, message: expect.stringContaining('amount') }] });
    expect((await call('{}', 'application/json')).status).toBe(415);
  });

  it('disables a link: its code then answers 404', async () => {
    expect((await s.call('PATCH', `/v1/affiliate/links/${link.code}`, { token: pro.token, body: { disabled: true } })).status).toBe(200);
    expect((await redirect(link.code)).status).toBe(404);
  });
});
