import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.ts';
import { sampleCompany } from '../../src/modules/kbis/corpus/company-samples.ts';
import { kbisPdf, type PdfForgery } from '../../src/modules/kbis/corpus/kbis-pdf.ts';
import { SeededRandom } from '../../src/modules/kbis/corpus/seeded-random.ts';
import { signInAs } from '../support/module-harness.ts';
import { signUp, startTestServer, type TestServer } from '../support/server.ts';

const NOW = new Date('2026-03-20T09:00:00Z');
// Notifications follow a decision by a few milliseconds, more on a busy machine.
const POLL = { timeout: 15_000, interval: 50 };
type Account = Awaited<ReturnType<typeof signInAs>>;

describe('KBIS verification, end to end', () => {
  let server: TestServer;
  let admin: Account;
  const clock = new ManualClock(NOW);
  const registryRows: string[] = [];

  // An extract of the pro's own company (its declared SIREN and name), as the greffe prints it.
  async function extractFor(pro: Account, options: { ageDays?: number; forgery?: PdfForgery; seed?: number; naf?: string; active?: boolean } = {}) {
    const org = (await server.api.modules.identity.getOrganisation(pro.orgId!))!;
    const sample = sampleCompany(new SeededRandom(options.seed ?? 1), NOW, options.ageDays ?? 10);
    sample.spec.fields.siren = org.siren;
    sample.spec.fields.companyName = org.name.toUpperCase();
    registryRows.push(`${org.siren},${org.name},${options.naf ?? '45.20A'},${options.active === false ? 'C' : 'A'},2020-01-01`);
    return kbisPdf(sample.spec, new Date(Date.parse(`${sample.spec.fields.currentTo}T08:00:00Z`)), options.forgery ?? 'none');
  }

  async function upload(token: string, bytes: Uint8Array, name = 'kbis.pdf', type = 'application/pdf', field = 'document') {
    const form = new FormData();
    form.set(field, new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${server.url}/v1/pro/verifications`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: (await res.json()) as any };
  }

  // The registry is filled the way an admin does it while the server runs: a SIRENE extract uploaded.
  async function publishRegistry() {
    const csv = `siren,denominationUniteLegale,activitePrincipaleUniteLegale,etatAdministratifUniteLegale,dateDebut\n${registryRows.join('\n')}\n`;
    const form = new FormData();
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'StockUniteLegale.csv');
    const res = await fetch(`${server.url}/v1/admin/registry/imports`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` }, body: form });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    for (let i = 0; i < 200; i++) {
      const s = await server.call('GET', `/v1/admin/registry/imports/${id}`, { token: admin.token });
      if (s.status === 200 && s.body.status === 'done') return s.body;
      if (s.status === 200 && s.body.status === 'failed') throw new Error(`registry import failed: ${s.body.error}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('registry import did not finish');
  }

  async function settled(token: string, id: string) {
    for (let i = 0; i < 400; i++) {
      const res = await server.call('GET', `/v1/pro/verifications/${id}`, { token });
      if (res.body.status !== 'pending') return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('verification still pending');
  }

  beforeAll(async () => {
    server = await startTestServer({ clock });
    admin = await signInAs(server, 'admin');
  });
  afterAll(() => server?.dispose());

  it('verifies a genuine digital extract, and the pro is verified at its next request', async () => {
    const pro = await signInAs(server, 'pro');
    const pdf = await extractFor(pro);
    await publishRegistry();
    const accepted = await upload(pro.token, pdf);
    expect(accepted).toMatchObject({ status: 202, body: { status: 'pending' } });
    const v = await settled(pro.token, accepted.body.id);
    expect(v).toMatchObject({ status: 'verified', reasons: [], textSource: 'text-layer', decidedBy: 'auto' });
    expect(v.extracted.siren).toBe((await server.api.modules.identity.getOrganisation(pro.orgId!))!.siren);
    expect(v.checks.find((c: any) => c.code === 'VERIFICATION_CODE_PRESENT').passed).toBe(true);
    expect(await server.api.modules.identity.organisationVerification(pro.orgId!)).toBe('verified');
    // The notification follows the decision (same task, just after).
    await expect.poll(async () => (await server.call('GET', '/v1/notifications', { token: pro.token })).body.items.map((n: any) => n.kind), POLL).toContain('kbis.verified');

    // The document, only through a short-lived signed URL, for its pro (and admins), not for another pro.
    const doc = await server.call('GET', `/v1/pro/verifications/${v.id}/document`, { token: pro.token });
    const bytes = new Uint8Array(await (await fetch(doc.body.url)).arrayBuffer());
    expect(Buffer.from(bytes).equals(Buffer.from(pdf))).toBe(true);
    const other = await signInAs(server, 'pro');
    expect((await server.call('GET', `/v1/pro/verifications/${v.id}`, { token: other.token })).status).toBe(404);
    expect((await server.call('GET', `/v1/pro/verifications/${v.id}/document`, { token: other.token })).status).toBe(404);
    expect((await server.call('GET', `/v1/pro/verifications/${v.id}`, { token: admin.token })).status).toBe(200);
  });

  it('rejects an extract older than three months with DOCUMENT_EXPIRED', async () => {
    const pro = await signInAs(server, 'pro');
    const pdf = await extractFor(pro, { ageDays: 150, seed: 2 });
    await publishRegistry();
    const v = await settled(pro.token, (await upload(pro.token, pdf)).body.id);
    expect(v).toMatchObject({ status: 'rejected', reasons: ['DOCUMENT_EXPIRED'] });
    expect(await server.api.modules.identity.organisationVerification(pro.orgId!)).toBe('rejected');
  });

  it('sends an edited PDF to review; the admin sees it in the queue and approves it with a comment', async () => {
    const pro = await signInAs(server, 'pro');
    const pdf = await extractFor(pro, { forgery: 'incremental-update', seed: 3 });
    await publishRegistry();
    const v = await settled(pro.token, (await upload(pro.token, pdf)).body.id);
    expect(v).toMatchObject({ status: 'needs_review', reasons: ['DOCUMENT_ALTERED'] });

    let found = false;
    let cursor: string | null | undefined;
    do {
      const page = await server.call('GET', `/v1/admin/verifications?status=needs_review&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: admin.token });
      found ||= page.body.items.some((i: any) => i.id === v.id);
      cursor = page.body.next_cursor;
    } while (cursor && !found);
    expect(found).toBe(true);
    await expect.poll(async () => (await server.call('GET', '/v1/notifications', { token: admin.token })).body.items.map((n: any) => n.kind), POLL).toContain('kbis.review-requested');
    const one = await server.call('GET', `/v1/admin/verifications/${v.id}`, { token: admin.token });
    expect(one.body.documentUrl).toMatch(/^http/);

    const decided = await server.call('POST', `/v1/admin/verifications/${v.id}/decision`, { token: admin.token, body: { decision: 'verified', comment: 'Checked on infogreffe.fr with the verification code.' } });
    expect(decided.status).toBe(200);
    expect(decided.body.audit.map((a: any) => a.actor)).toEqual(['auto', `admin:${admin.userId}`]);
    expect(await server.api.modules.identity.organisationVerification(pro.orgId!)).toBe('verified');
  });

  it('when several pros claim one SIREN, the one whose Kbis passed is verified and the others are told', async () => {
    const first = await signInAs(server, 'pro');
    const org = (await server.api.modules.identity.getOrganisation(first.orgId!))!;
    // Identity lets a second account claim the same company until KBIS says whose it is.
    const second = await signUp(server, { email: `claim-${first.email}`, role: 'pro', company: { name: org.name, siren: org.siren } });
    const claimant: Account = { token: second.token, refresh: second.refresh, userId: second.user.id, orgId: second.user.organisation.id, email: `claim-${first.email}` };
    const expired = await extractFor(claimant, { seed: 5, ageDays: 200 });
    const genuine = await extractFor(first, { seed: 4 });
    await publishRegistry();
    expect((await settled(claimant.token, (await upload(claimant.token, expired)).body.id)).status).toBe('rejected');
    expect((await settled(first.token, (await upload(first.token, genuine)).body.id)).status).toBe('verified');
    await expect.poll(async () => (await server.call('GET', '/v1/notifications', { token: claimant.token })).body.items.map((n: any) => n.kind), POLL).toContain('kbis.siren-claimed');
    // A Kbis is public: the claimant's genuine copy now goes to a person, not to a second verified account.
    const again = await settled(claimant.token, (await upload(claimant.token, await extractFor(claimant, { seed: 6 }))).body.id);
    expect(again).toMatchObject({ status: 'needs_review', reasons: ['SIREN_CLAIMED_ELSEWHERE'] });
    expect(await server.api.modules.identity.organisationVerification(first.orgId!)).toBe('verified');
  });

  it('documents its routes in a valid OpenAPI 3.1 description, the upload as multipart', async () => {
    const spec = (await server.call('GET', '/openapi.json')).body;
    const result = await new Validator().validate(spec);
    expect(result.errors ?? []).toEqual([]);
    expect(Object.keys(spec.paths['/v1/pro/verifications'].post.requestBody.content)).toEqual(['multipart/form-data']);
    for (const path of ['/v1/pro/verifications/{id}', '/v1/pro/verifications/{id}/document', '/v1/admin/verifications', '/v1/admin/verifications/{id}/decision', '/v1/admin/registry/imports']) expect(spec.paths).toHaveProperty([path]);
  });

  it('answers bad uploads with 4xx problems, never a 500', async () => {
    const pro = await signInAs(server, 'pro');
    const text = await upload(pro.token, new TextEncoder().encode('hello, not a Kbis'), 'kbis.txt', 'text/plain');
    expect(text).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_DOCUMENT_TYPE' } });
    const wrongField = await upload(pro.token, new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]), 'kbis.pdf', 'application/pdf', 'file');
    expect(wrongField.status).toBe(400);
    const json = await server.call('POST', '/v1/pro/verifications', { token: pro.token, body: { document: 'x' } });
    expect(json.status).toBeGreaterThanOrEqual(400);
    expect(json.status).toBeLessThan(500);
    const owner = await signInAs(server, 'owner');
    expect((await upload(owner.token, new Uint8Array([1]))).status).toBe(403);
    expect((await server.call('GET', '/v1/pro/verifications/not-an-id', { token: pro.token })).status).toBe(404);
    expect((await server.call('GET', '/v1/admin/verifications?cursor=garbage', { token: admin.token })).body.code).toBe('CURSOR_INVALID');
    expect((await server.call('POST', '/v1/admin/verifications/00000000-0000-7000-8000-000000000000/decision', { token: admin.token, body: { decision: 'maybe' } })).status).toBe(400);
  });

  it('a year on, a company found closed loses its status and its pro is told; documents go after 90 days, fields and audit stay', async () => {
    const pro = await signInAs(server, 'pro');
    const pdf = await extractFor(pro, { seed: 7 });
    await publishRegistry();
    const v = await settled(pro.token, (await upload(pro.token, pdf)).body.id);
    expect(v.status).toBe('verified');
    const org = (await server.api.modules.identity.getOrganisation(pro.orgId!))!;
    registryRows.push(`${org.siren},${org.name},45.20A,C,2026-09-30`);
    await publishRegistry();

    clock.advance(91 * 86_400_000);
    await server.platform.housekeeping.runOnce();
    expect(await server.api.modules.identity.organisationVerification(pro.orgId!)).toBe('verified');
    clock.advance(275 * 86_400_000);
    await server.platform.housekeeping.runOnce();
    expect(await server.api.modules.identity.organisationVerification(pro.orgId!)).toBe('rejected');

    const signIn = await server.call('POST', '/v1/auth/token', { body: { email: admin.email, password: 'a-long-enough-password' } });
    const token = signIn.body.access_token;
    const after = await server.call('GET', `/v1/admin/verifications/${v.id}`, { token });
    expect(after.body).toMatchObject({ status: 'rejected', reasons: ['COMPANY_CLOSED'], documentAvailable: false, documentUrl: null });
    expect(after.body.extracted.siren).toBe(org.siren);
    expect(after.body.audit.map((a: any) => a.actor)).toEqual(['auto', 'registry-recheck']);
    expect((await server.call('GET', `/v1/pro/verifications/${v.id}/document`, { token })).status).toBe(410);
    const proToken = (await server.call('POST', '/v1/auth/token', { body: { email: pro.email, password: 'a-long-enough-password' } })).body.access_token;
    const inbox = await server.call('GET', '/v1/notifications', { token: proToken });
    expect(inbox.body.items.map((n: any) => n.kind)).toContain('kbis.company-closed');
  });
});
