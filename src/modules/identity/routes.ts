import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { requireAuth } from '../../platform/auth/authorize.ts';
import type { TokenVerifier } from '../../platform/auth/token-verifier.ts';
import type { AppEnv } from '../../platform/http/app-env.ts';
import { problemContent, problemResponse } from '../../platform/http/problem.ts';
import { createApiRouter, type ApiRouter } from '../../platform/http/router.ts';
import type { IdentityService } from './identity-service.ts';
import type { LocalIssuer } from './local-issuer.ts';
import { MeSchema, RefreshRequestSchema, RegisterSchema, TokenRequestSchema, TokenSetSchema, UserSchema } from './schemas.ts';

export interface IdentityRoutesDeps {
  service: IdentityService;
  issuer: LocalIssuer;
  verifier: TokenVerifier;
  /** Makes creating POSTs honour Idempotency-Key. */
  idempotent: MiddlewareHandler<AppEnv>;
  /** The caller's address, for the per-client rate limit on credential endpoints. */
  clientAddress: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => string;
  /** Credential requests allowed per client per minute. */
  authRequestsPerMinute?: number;
}

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });

/** /v1/auth/* and /v1/me, plus the local issuer's JWKS. */
export function identityRoutes(deps: IdentityRoutesDeps): { v1: ApiRouter; wellKnown: ApiRouter } {
  const v1 = createApiRouter();
  const limiter = rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: deps.authRequestsPerMinute ?? 30,
    standardHeaders: 'draft-7',
    keyGenerator: (c) => deps.clientAddress(c),
    handler: (c) =>
      problemResponse(c, { status: 429, code: 'RATE_LIMITED', detail: 'Too many requests from this client; slow down.', headers: { 'Retry-After': '60' } }),
  });
  v1.use('/auth/*', limiter);

  v1.openapi(
    createRoute({
      method: 'post',
      path: '/auth/register',
      tags: ['identity'],
      summary: 'Create an owner or professional account',
      middleware: [deps.idempotent] as const,
      request: { ...body(RegisterSchema), headers: z.object({ 'idempotency-key': z.string().optional() }) },
      responses: {
        201: json(UserSchema, 'The account'),
        400: problemContent('Invalid input (VALIDATION_FAILED, SIREN_INVALID, COMPANY_REQUIRED)'),
        409: problemContent('EMAIL_TAKEN or ORGANISATION_EXISTS'),
      },
    }),
    async (c) => c.json(await deps.service.createUser(c.req.valid('json')), 201),
  );

  v1.openapi(
    createRoute({
      method: 'post',
      path: '/auth/token',
      tags: ['identity'],
      summary: 'Sign in with email and password',
      request: body(TokenRequestSchema),
      responses: {
        200: json(TokenSetSchema, 'Access and refresh tokens'),
        401: problemContent('LOGIN_FAILED'),
        429: problemContent('LOGIN_LOCKED or RATE_LIMITED'),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      c.header('Cache-Control', 'no-store');
      return c.json(await deps.service.login(email, password), 200);
    },
  );

  v1.openapi(
    createRoute({
      method: 'post',
      path: '/auth/refresh',
      tags: ['identity'],
      summary: 'Exchange a refresh token for new tokens (rotation)',
      request: body(RefreshRequestSchema),
      responses: { 200: json(TokenSetSchema, 'New tokens'), 401: problemContent('REFRESH_TOKEN_INVALID or REFRESH_TOKEN_REUSED') },
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await deps.service.refresh(c.req.valid('json').refresh_token), 200);
    },
  );

  v1.openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags: ['identity'],
      summary: 'Revoke a refresh token and the tokens rotated from it',
      request: body(RefreshRequestSchema),
      responses: { 204: { description: 'Revoked' } },
    }),
    async (c) => {
      await deps.service.logout(c.req.valid('json').refresh_token);
      return c.body(null, 204);
    },
  );

  v1.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['identity'],
      summary: 'Who the token belongs to',
      security: [{ bearerAuth: [] }],
      middleware: [requireAuth(deps.verifier)] as const,
      responses: { 200: json(MeSchema, 'The caller'), 401: problemContent('AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED') },
    }),
    async (c) => {
      const p = c.get('principal');
      if (p.issuer === 'local') {
        const u = await deps.service.getUser(p.userId);
        return c.json({ id: u.id, email: u.email, role: u.role, name: u.name, issuer: 'local' as const, organisation: u.organisation }, 200);
      }
      return c.json({ id: p.userId, email: p.email ?? null, role: p.role, name: null, issuer: p.issuer, organisation: null }, 200);
    },
  );

  const wellKnown = createApiRouter();
  wellKnown.openapi(
    createRoute({
      method: 'get',
      path: '/jwks.json',
      tags: ['identity'],
      summary: "The local issuer's public signing keys (JWKS)",
      responses: { 200: json(z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).openapi('Jwks'), 'JSON Web Key Set') },
    }),
    (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(deps.issuer.jwks() as { keys: Record<string, unknown>[] }, 200);
    },
  );
  return { v1, wellKnown };
}
