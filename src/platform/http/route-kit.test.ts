import { createRoute, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.ts';
import { unauthorized } from '../errors.ts';
import { silentLogger } from '../logger.ts';
import { errorToProblem } from './errors-to-problems.ts';
import { requestContext } from './request-context.ts';
import { createApiRouter } from './router.ts';
import { jsonContent, RouteKit } from './route-kit.ts';

const principals: Record<string, Principal> = {
  owner: { userId: 'u-owner', role: 'owner', orgId: undefined, email: undefined, issuer: 'local' },
  pro: { userId: 'u-pro', role: 'pro', orgId: 'org-1', email: undefined, issuer: 'local' },
  stray: { userId: 'u-stray', role: 'pro', orgId: undefined, email: undefined, issuer: 'cognito' },
};
const verification: Record<string, 'verified' | 'unverified'> = { 'org-1': 'unverified' };

const kit = new RouteKit({
  identity: () => ({
    verifier: {
      verify: async (token) => {
        const p = principals[token];
        if (!p) throw unauthorized('TOKEN_INVALID', 'bad token');
        return { ...p };
      },
    },
    proStanding: async (_userId, orgId) => {
      const v = verification[orgId];
      return v && { verification: v, emailVerified: true };
    },
    sessionRevoked: async () => false,
  }),
  idempotency: () => async (_c, next) => next(),
  clientAddress: () => '127.0.0.1',
});

function app() {
  const r = createApiRouter();
  r.use('*', requestContext(silentLogger()));
  r.onError(errorToProblem);
  const ok = z.object({ user: z.string() });
  r.openapi(
    createRoute(kit.protectedRoute({ roles: ['pro'], verifiedPro: true }, { method: 'get', path: '/flash', responses: { 200: jsonContent(ok, 'ok') } })),
    (c) => c.json({ user: c.get('principal').userId }, 200),
  );
  r.openapi(
    createRoute(kit.protectedRoute({ roles: ['owner'] }, { method: 'get', path: '/mine', responses: { 200: jsonContent(ok, 'ok') } })),
    (c) => c.json({ user: c.get('principal').userId }, 200),
  );
  r.openapi(createRoute({ method: 'get', path: '/public', responses: { 200: jsonContent(ok, 'ok') } }), (c) => {
    // @ts-expect-error — outside the route kit's authentication there is no principal to read.
    const p: Principal = c.get('principal');
    return c.json({ user: String(p) }, 200);
  });
  return r;
}

const get = async (path: string, token?: string) => {
  const res = await app().request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, body: (await res.json()) as { code?: string; user?: string } };
};

describe('the route kit', () => {
  it('authenticates before anything else, then checks the role', async () => {
    expect((await get('/mine')).body.code).toBe('AUTH_REQUIRED');
    expect((await get('/mine', 'forged')).body.code).toBe('TOKEN_INVALID');
    expect((await get('/mine', 'pro')).body.code).toBe('ROLE_FORBIDDEN');
    expect((await get('/mine', 'owner')).body.user).toBe('u-owner');
  });

  it("reads the organisation's verification at each request, so a decision takes effect at once", async () => {
    expect((await get('/flash', 'pro')).body.code).toBe('PRO_NOT_VERIFIED');
    verification['org-1'] = 'verified';
    expect((await get('/flash', 'pro')).body.user).toBe('u-pro');
    verification['org-1'] = 'unverified';
    expect((await get('/flash', 'pro')).body.code).toBe('PRO_NOT_VERIFIED');
  });

  it('answers a pro without an organisation with 403 PRO_ORGANISATION_REQUIRED', async () => {
    expect(await get('/flash', 'stray')).toMatchObject({ status: 403, body: { code: 'PRO_ORGANISATION_REQUIRED' } });
  });

  it('documents the bearer requirement and the auth problems of protected routes only', () => {
    const doc = app().getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    expect(doc.paths?.['/mine']?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(doc.paths?.['/mine']?.get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(doc.paths?.['/public']?.get?.security).toBeUndefined();
  });
});
