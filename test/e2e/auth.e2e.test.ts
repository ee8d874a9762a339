import { exportJWK, generateKeyPair, SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.ts';
import { emailedVerificationToken, signUp, startTestServer, type TestServer } from '../support/server.ts';

const ADMIN = { email: 'admin@novaevo.test', password: 'admin-password-123' };
const vehicle = (vin: string) => ({ vin, plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2019 });

describe('identity and authorisation through HTTP', () => {
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  let s: TestServer;
  let owner: { token: string; refresh: string; user: any };
  let otherOwner: { token: string };
  let pro: { token: string; user: any };
  let otherPro: { token: string };

  beforeAll(async () => {
    s = await startTestServer({ clock, env: { NOVAEVO_ADMIN_EMAIL: ADMIN.email, NOVAEVO_ADMIN_PASSWORD: ADMIN.password } });
    owner = await signUp(s, { email: 'owner@example.fr', role: 'owner' });
    otherOwner = await signUp(s, { email: 'other@example.fr', role: 'owner' });
    pro = await signUp(s, { email: 'garage@example.fr', role: 'pro', company: { name: 'Garage du Centre', siren: '732 829 320' } });
    otherPro = await signUp(s, { email: 'rival@example.fr', role: 'pro', company: { name: 'Rival SARL', siren: '552100554' } });
  });
  afterAll(() => s.dispose());

  it('applies the email rule and the password policy to accounts made outside HTTP (CLI, admin bootstrap)', async () => {
    const identity = s.api.modules.identity;
    await expect(identity.createUser({ email: 'not an email', password: 'a-long-enough-password', role: 'admin', name: 'A' })).rejects.toMatchObject({ code: 'EMAIL_INVALID' });
    await expect(identity.createUser({ email: 'root2@example.fr', password: 'x', role: 'admin', name: 'A' })).rejects.toMatchObject({ code: 'PASSWORD_TOO_WEAK' });
    expect(await identity.ensureAdmin(ADMIN.email, ADMIN.password)).toBe('exists');
    expect(await identity.ensureAdmin(ADMIN.email, 'another-long-password')).toBe('exists-password-differs');
  });

  it('registers a pro with its organisation, unverified until KBIS verification', () => {
    expect(pro.user.role).toBe('pro');
    expect(pro.user.organisation).toMatchObject({ name: 'Garage du Centre', siren: '732829320', verified: false });
  });

  it('answers /v1/me for the token holder', async () => {
    const me = await s.call('GET', '/v1/me', { token: owner.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'owner@example.fr', role: 'owner', issuer: 'local', organisation: null });
  });

  it('publishes the signing key at /.well-known/jwks.json, without private parts', async () => {
    const jwks = await s.call('GET', '/.well-known/jwks.json');
    expect(jwks.body.keys).toHaveLength(1);
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.body.keys[0].d).toBeUndefined();
  });

  it('creates the admin from NOVAEVO_ADMIN_EMAIL and never lets anyone self-register as admin', async () => {
    const login = await s.call('POST', '/v1/auth/token', { body: ADMIN });
    expect(login.status).toBe(200);
    expect(decodeJwt(login.body.access_token).role).toBe('admin');
    const selfAdmin = await s.call('POST', '/v1/auth/register', { body: { email: 'x@example.fr', password: 'whatever-12345', role: 'admin', name: 'X' } });
    expect(selfAdmin.status).toBe(400);
    expect(selfAdmin.body.code).toBe('VALIDATION_FAILED');
  });

  it('answers a registration with an existing email exactly like a new one, and tells the mailbox instead', async () => {
    const fresh = await s.call('POST', '/v1/auth/register', { body: { email: 'newcomer@example.fr', password: 'another-password', role: 'owner', name: 'New' } });
    const dup = await s.call('POST', '/v1/auth/register', { body: { email: 'OWNER@example.fr', password: 'another-password', role: 'owner', name: 'Dup' } });
    expect([dup.status, dup.body]).toEqual([fresh.status, fresh.body]);
    expect(dup.status).toBe(202);
    // The account keeps its password; its owner got an email about the attempt.
    expect((await s.call('POST', '/v1/auth/token', { body: { email: 'owner@example.fr', password: 'another-password' } })).status).toBe(401);
    const mails = await s.platform.notifications.list({ userId: owner.user.id });
    expect(mails.items.map((m) => m.subject)).toContain('Tentative de création de compte NovaEvo avec votre adresse');
  });

  it('lets several pros claim one SIREN, each unverified until KBIS verification; registration reveals no SIREN', async () => {
    const squatter = await signUp(s, { email: 'squatter@example.fr', role: 'pro', company: { name: 'Garage du Centre', siren: '732829320' } });
    expect(squatter.user.organisation).toMatchObject({ siren: '732829320', verification: 'unverified' });
    expect(squatter.user.organisation.id).not.toBe(pro.user.organisation.id);
  });

  it('confirms an email with the single-use link it sent, and says so in /v1/me', async () => {
    expect(owner.user.emailVerified).toBe(false);
    const token = await emailedVerificationToken(s, owner.user.id);
    const bad = await s.call('POST', '/v1/auth/verify-email', { body: { token: `${token}x` } });
    expect([bad.status, bad.body.code]).toEqual([400, 'VERIFICATION_TOKEN_INVALID']);
    expect((await s.call('POST', '/v1/auth/verify-email', { body: { token } })).body.emailVerified).toBe(true);
    expect((await s.call('GET', '/v1/me', { token: owner.token })).body.emailVerified).toBe(true);
    const again = await s.call('POST', '/v1/auth/verify-email', { body: { token } });
    expect(again.body.code).toBe('VERIFICATION_TOKEN_INVALID');
  });

  it('refuses bad SIRENs and pros without a company', async () => {
    const siren = await s.call('POST', '/v1/auth/register', {
      body: { email: 'p2@example.fr', password: 'another-password', role: 'pro', name: 'P', company: { name: 'Bad', siren: '123456789' } },
    });
    expect([siren.status, siren.body.code]).toEqual([400, 'SIREN_INVALID']);
    const noCompany = await s.call('POST', '/v1/auth/register', { body: { email: 'p3@example.fr', password: 'another-password', role: 'pro', name: 'P' } });
    expect([noCompany.status, noCompany.body.code]).toEqual([400, 'COMPANY_REQUIRED']);
  });

  it('rejects a request without a token, and a malformed Authorization header', async () => {
    const none = await s.call('GET', '/v1/vehicles');
    expect([none.status, none.body.code]).toEqual([401, 'AUTH_REQUIRED']);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const basic = await s.call('GET', '/v1/vehicles', { headers: { authorization: 'Basic Zm9vOmJhcg==' } });
    expect([basic.status, basic.body.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  it('rejects an expired token', async () => {
    const login = await s.call('POST', '/v1/auth/token', { body: { email: 'owner@example.fr', password: 'a-long-enough-password' } });
    clock.advance(16 * 60 * 1000);
    const res = await s.call('GET', '/v1/me', { token: login.body.access_token });
    expect([res.status, res.body.code]).toEqual([401, 'TOKEN_EXPIRED']);
    // the refresh token still works, and rotates
    const refreshed = await s.call('POST', '/v1/auth/refresh', { body: { refresh_token: login.body.refresh_token } });
    expect(refreshed.status).toBe(200);
    expect((await s.call('GET', '/v1/me', { token: refreshed.body.access_token })).status).toBe(200);
    owner = { ...owner, token: refreshed.body.access_token };
  });

  it('rejects a token signed by another key that claims the local issuer', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const kid = (await s.call('GET', '/.well-known/jwks.json')).body.keys[0].kid;
    const now = Math.floor(clock.now().getTime() / 1000);
    const forged = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .setIssuer('urn:novaevo:local')
      .setAudience('novaevo-api')
      .setSubject(owner.user.id)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    const res = await s.call('GET', '/v1/admin/dead-letters', { token: forged });
    expect([res.status, res.body.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  it('rejects an unsigned token (alg: none) and a token whose payload was edited', async () => {
    const [, payload] = owner.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.`;
    const r1 = await s.call('GET', '/v1/me', { token: none });
    expect([r1.status, r1.body.code]).toEqual([401, 'TOKEN_INVALID']);
    const [h, , sig] = owner.token.split('.');
    const edited = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${sig}`;
    const r2 = await s.call('GET', '/v1/me', { token: edited });
    expect([r2.status, r2.body.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  it('rejects a token from an issuer the platform does not trust', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    await exportJWK(publicKey);
    const now = Math.floor(clock.now().getTime() / 1000);
    const foreign = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('https://evil.example')
      .setAudience('novaevo-api')
      .setSubject('someone')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    const res = await s.call('GET', '/v1/me', { token: foreign });
    expect([res.status, res.body.code]).toEqual([401, 'TOKEN_ISSUER_UNKNOWN']);
  });

  it('answers 403 when the role is wrong', async () => {
    const res = await s.call('GET', '/v1/admin/dead-letters', { token: owner.token });
    expect([res.status, res.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    const admin = await s.call('POST', '/v1/auth/token', { body: ADMIN });
    const asAdmin = await s.call('POST', '/v1/vehicles', { token: admin.body.access_token, body: vehicle('VF1RFB00X56123456') });
    expect([asAdmin.status, asAdmin.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
  });

  it("answers 404 for another tenant's vehicle, and lists only one's own", async () => {
    // Tokens from beforeAll expired when the clock moved on; sign in again.
    const login = async (email: string) =>
      (await s.call('POST', '/v1/auth/token', { body: { email, password: 'a-long-enough-password' } })).body.access_token as string;
    pro = { ...pro, token: await login('garage@example.fr') };
    otherPro = { token: await login('rival@example.fr') };
    otherOwner = { token: await login('other@example.fr') };
    const mine = await s.call('POST', '/v1/vehicles', { token: owner.token, body: vehicle('VF1RFB00X56123456') });
    expect(mine.status).toBe(201);
    expect(mine.headers.get('location')).toBe(`/v1/vehicles/${mine.body.id}`);
    const garage = await s.call('POST', '/v1/vehicles', { token: pro.token, body: vehicle('WVWZZZ1JZXW000001') });
    expect(garage.status).toBe(201);
    expect(garage.body.org_id).toBe(pro.user.organisation.id);

    for (const [token, id] of [
      [otherOwner.token, mine.body.id],
      [pro.token, mine.body.id],
      [otherPro.token, garage.body.id],
      [owner.token, garage.body.id],
    ] as const) {
      const res = await s.call('GET', `/v1/vehicles/${id}`, { token });
      expect([res.status, res.body.code]).toEqual([404, 'VEHICLE_NOT_FOUND']);
    }
    expect((await s.call('GET', `/v1/vehicles/${mine.body.id}`, { token: owner.token })).status).toBe(200);
    expect((await s.call('GET', '/v1/vehicles', { token: otherOwner.token })).body.items).toEqual([]);
    expect((await s.call('GET', '/v1/vehicles', { token: otherPro.token })).body.items).toEqual([]);
    const admin = await s.call('POST', '/v1/auth/token', { body: ADMIN });
    const all = await s.call('GET', '/v1/vehicles', { token: admin.body.access_token });
    expect(all.body.items.map((v: any) => v.id).sort()).toEqual([mine.body.id, garage.body.id].sort());
  });

  it('rotates refresh tokens and revokes the family when a used one comes back', async () => {
    const login = await s.call('POST', '/v1/auth/token', { body: { email: 'other@example.fr', password: 'a-long-enough-password' } });
    const first = await s.call('POST', '/v1/auth/refresh', { body: { refresh_token: login.body.refresh_token } });
    expect(first.status).toBe(200);
    const reuse = await s.call('POST', '/v1/auth/refresh', { body: { refresh_token: login.body.refresh_token } });
    expect([reuse.status, reuse.body.code]).toEqual([401, 'REFRESH_TOKEN_REUSED']);
    const afterTheft = await s.call('POST', '/v1/auth/refresh', { body: { refresh_token: first.body.refresh_token } });
    expect([afterTheft.status, afterTheft.body.code]).toEqual([401, 'REFRESH_TOKEN_INVALID']);
    // The family's access tokens stop too, the thief's and the owner's alike.
    const me = await s.call('GET', '/v1/me', { token: first.body.access_token });
    expect([me.status, me.body.code]).toEqual([401, 'TOKEN_REVOKED']);
  });

  it('revokes a refresh token on logout, and the access tokens of that session at once, not the others', async () => {
    const login = await s.call('POST', '/v1/auth/token', { body: { email: 'other@example.fr', password: 'a-long-enough-password' } });
    const otherDevice = await s.call('POST', '/v1/auth/token', { body: { email: 'other@example.fr', password: 'a-long-enough-password' } });
    expect((await s.call('GET', '/v1/me', { token: login.body.access_token })).status).toBe(200);
    expect((await s.call('POST', '/v1/auth/logout', { body: { refresh_token: login.body.refresh_token } })).status).toBe(204);
    const res = await s.call('POST', '/v1/auth/refresh', { body: { refresh_token: login.body.refresh_token } });
    expect(res.status).toBe(401);
    const me = await s.call('GET', '/v1/me', { token: login.body.access_token });
    expect([me.status, me.body.code]).toEqual([401, 'TOKEN_REVOKED']);
    expect((await s.call('GET', '/v1/me', { token: otherDevice.body.access_token })).status).toBe(200);
  });

  it('locks only the (account, address) pair after five failed logins, never the owner signing in elsewhere, with exponential backoff', async () => {
    const proxied = await startTestServer({ clock, env: { TRUST_PROXY: '1' } });
    try {
      await signUp(proxied, { email: 'victim@example.fr', role: 'owner' });
      const from = (address: string, password: string) =>
        proxied.call('POST', '/v1/auth/token', { body: { email: 'victim@example.fr', password }, headers: { 'x-forwarded-for': address } });
      for (let i = 0; i < 5; i++) expect((await from('203.0.113.7', `wrong-${i}`)).body.code).toBe('LOGIN_FAILED');
      const locked = await from('203.0.113.7', 'a-long-enough-password');
      expect([locked.status, locked.body.code]).toEqual([429, 'LOGIN_LOCKED']);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      // The real owner, from their own address, is never refused.
      expect((await from('198.51.100.20', 'a-long-enough-password')).status).toBe(200);

      clock.advance(16 * 60 * 1000);
      expect((await from('203.0.113.7', 'wrong-again-0')).body.code).toBe('LOGIN_FAILED');
      for (let i = 1; i < 5; i++) await from('203.0.113.7', `wrong-again-${i}`);
      const relocked = await from('203.0.113.7', 'a-long-enough-password');
      expect(relocked.body.code).toBe('LOGIN_LOCKED');
      expect(Number(relocked.headers.get('retry-after'))).toBeGreaterThan(29 * 60); // twice as long
      clock.advance(31 * 60 * 1000);
      expect((await from('203.0.113.7', 'a-long-enough-password')).status).toBe(200);
    } finally {
      await proxied.dispose();
    }
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY says which proxies to believe', async () => {
    await signUp(s, { email: 'spoof@example.fr', role: 'owner' });
    for (let i = 0; i < 5; i++) {
      await s.call('POST', '/v1/auth/token', { body: { email: 'spoof@example.fr', password: `wrong-${i}` }, headers: { 'x-forwarded-for': `192.0.2.${i}` } });
    }
    // All five came from the socket's address (127.0.0.1), whatever the header claimed.
    const locked = await s.call('POST', '/v1/auth/token', { body: { email: 'spoof@example.fr', password: 'a-long-enough-password' }, headers: { 'x-forwarded-for': '192.0.2.99' } });
    expect(locked.body.code).toBe('LOGIN_LOCKED');
  });

  it('rate-limits credential requests per client address', async () => {
    // A stopped clock: the limit counts per minute, and the wall clock's minute could turn between two requests.
    const limited = await startTestServer({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '3' }, clock: new ManualClock('2026-06-01T08:00:10Z') });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await limited.call('POST', '/v1/auth/token', { body: { email: 'a@example.fr', password: 'x' } })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      const last = await limited.call('POST', '/v1/auth/token', { body: { email: 'a@example.fr', password: 'x' } });
      expect(last.body.code).toBe('RATE_LIMITED');
      expect((await limited.call('GET', '/health')).status).toBe(200);
    } finally {
      await limited.dispose();
    }
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const res = await s.call('POST', '/v1/auth/token', { body: { email: 'nobody@example.fr', password: 'whatever-123' } });
    expect([res.status, res.body.code]).toEqual([401, 'LOGIN_FAILED']);
  });
});
