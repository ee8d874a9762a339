import { createRoute, z } from '@hono/zod-openapi';
import { rateLimiter, type Store } from 'hono-rate-limiter';
import type { AppEnv } from '../../platform/http/app-env.ts';
import { problemContent, problemResponse } from '../../platform/http/problem.ts';
import { createApiRouter, type ApiRouter } from '../../platform/http/router.ts';
import { jsonBody, jsonContent, type RouteKit } from '../../platform/http/route-kit.ts';
import type { IdentityService, UserView } from './identity-service.ts';
import type { LocalIssuer } from './local-issuer.ts';
import type { Registration } from './registration.ts';
import {
  MeSchema,
  RefreshRequestSchema,
  RegisterSchema,
  RegistrationAcceptedSchema,
  TokenRequestSchema,
  TokenSetSchema,
  UpdateMeSchema,
  UserSchema,
  VerifyEmailSchema,
} from './schemas.ts';

export interface IdentityRoutesDeps {
  service: IdentityService;
  registration: Registration;
  issuer: LocalIssuer;
  kit: RouteKit;
  /** Credential requests allowed per client per minute. */
  authRequestsPerMinute: number;
  /** Where the counts live (shared by every process when it is the database). */
  rateLimitStore?: Store<AppEnv>;
}

const meView = (u: UserView) => ({ ...u, issuer: 'local' as const });

/** /v1/auth/* and /v1/me, plus the local issuer's JWKS. */
export function identityRoutes(deps: IdentityRoutesDeps): { v1: ApiRouter; wellKnown: ApiRouter } {
  const { kit } = deps;
  const v1 = createApiRouter();
  const limiter = rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: deps.authRequestsPerMinute,
    standardHeaders: 'draft-7',
    keyGenerator: (c) => kit.clientAddress(c),
    ...(deps.rateLimitStore ? { store: deps.rateLimitStore } : {}),
    handler: (c) =>
      problemResponse(c, { status: 429, code: 'RATE_LIMITED', detail: 'Too many requests from this client; slow down.', headers: { 'Retry-After': '60' } }),
  });
  v1.use('/auth/*', limiter);

  v1.openapi(
    createRoute(
      kit.publicRoute({ idempotent: true }, {
        method: 'post',
        path: '/auth/register',
        tags: ['identity'],
        summary: 'Create an owner or professional account',
        request: { body: jsonBody(RegisterSchema) },
        responses: {
          202: jsonContent(RegistrationAcceptedSchema, 'Registered, or the address already had an account: the same answer, an email tells which'),
          400: problemContent('Invalid input (VALIDATION_FAILED, SIREN_INVALID, COMPANY_REQUIRED, COMPANY_NOT_ALLOWED)'),
        },
      }),
    ),
    async (c) => {
      await deps.registration.register(c.req.valid('json'));
      c.header('Cache-Control', 'no-store');
      return c.json({ status: 'accepted' as const, message: 'Check your mailbox: we sent you a link to confirm your address. You can sign in now.' }, 202);
    },
  );

  v1.openapi(
    createRoute(
      kit.publicRoute({}, {
        method: 'post',
        path: '/auth/verify-email',
        tags: ['identity'],
        summary: 'Confirm an email address with the token of the emailed link',
        request: { body: jsonBody(VerifyEmailSchema) },
        responses: { 200: jsonContent(UserSchema, 'The account, its email verified'), 400: problemContent('VERIFICATION_TOKEN_INVALID') },
      }),
    ),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await deps.registration.verifyEmail(c.req.valid('json').token), 200);
    },
  );

  v1.openapi(
    createRoute(
      kit.protectedRoute({}, {
        method: 'post',
        path: '/me/verify-email',
        tags: ['identity'],
        summary: 'Send the verification email again',
        responses: { 202: { description: 'Sent (nothing when already verified)' } },
      }),
    ),
    async (c) => {
      await deps.registration.resendVerification(c.get('principal').userId);
      return c.body(null, 202);
    },
  );

  v1.openapi(
    createRoute(
      kit.publicRoute({}, {
        method: 'post',
        path: '/auth/token',
        tags: ['identity'],
        summary: 'Sign in with email and password',
        request: { body: jsonBody(TokenRequestSchema) },
        responses: {
          200: jsonContent(TokenSetSchema, 'Access and refresh tokens'),
          401: problemContent('LOGIN_FAILED'),
          429: problemContent('LOGIN_LOCKED or RATE_LIMITED'),
        },
      }),
    ),
    async (c) => {
      const { email, password } = c.req.valid('json');
      c.header('Cache-Control', 'no-store');
      return c.json(await deps.service.login(email, password, kit.clientAddress(c)), 200);
    },
  );

  v1.openapi(
    createRoute(
      kit.publicRoute({}, {
        method: 'post',
        path: '/auth/refresh',
        tags: ['identity'],
        summary: 'Exchange a refresh token for new tokens (rotation)',
        request: { body: jsonBody(RefreshRequestSchema) },
        responses: { 200: jsonContent(TokenSetSchema, 'New tokens'), 401: problemContent('REFRESH_TOKEN_INVALID or REFRESH_TOKEN_REUSED') },
      }),
    ),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await deps.service.refresh(c.req.valid('json').refresh_token), 200);
    },
  );

  v1.openapi(
    createRoute(
      kit.publicRoute({}, {
        method: 'post',
        path: '/auth/logout',
        tags: ['identity'],
        summary: 'Revoke a refresh token and the tokens rotated from it',
        request: { body: jsonBody(RefreshRequestSchema) },
        responses: { 204: { description: 'Revoked' } },
      }),
    ),
    async (c) => {
      await deps.service.logout(c.req.valid('json').refresh_token);
      return c.body(null, 204);
    },
  );

  v1.openapi(
    createRoute(
      kit.protectedRoute({}, {
        method: 'get',
        path: '/me',
        tags: ['identity'],
        summary: 'Who the token belongs to',
        responses: { 200: jsonContent(MeSchema, 'The caller') },
      }),
    ),
    async (c) => {
      const p = c.get('principal');
      c.header('Cache-Control', 'no-store');
      if (p.issuer === 'local') return c.json(meView(await deps.service.getUser(p.userId)), 200);
      return c.json({ id: p.userId, email: p.email ?? null, role: p.role, name: null, locale: 'fr' as const, emailVerified: p.email !== undefined, issuer: p.issuer, organisation: null }, 200);
    },
  );

  v1.openapi(
    createRoute(
      kit.protectedRoute({}, {
        method: 'patch',
        path: '/me',
        tags: ['identity'],
        summary: 'Change your language or display name',
        request: { body: jsonBody(UpdateMeSchema) },
        responses: { 200: jsonContent(MeSchema, 'The caller, changed'), 404: problemContent('USER_NOT_FOUND (accounts of another issuer)') },
      }),
    ),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(meView(await deps.service.updateProfile(c.get('principal').userId, c.req.valid('json'))), 200);
    },
  );

  const wellKnown = createApiRouter();
  wellKnown.openapi(
    createRoute({
      method: 'get',
      path: '/.well-known/jwks.json',
      tags: ['identity'],
      summary: "The local issuer's public signing keys (JWKS)",
      responses: { 200: jsonContent(z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).openapi('Jwks'), 'JSON Web Key Set') },
    }),
    async (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.json((await deps.issuer.jwks()) as { keys: Record<string, unknown>[] }, 200);
    },
  );
  return { v1, wellKnown };
}
