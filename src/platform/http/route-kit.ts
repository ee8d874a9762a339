import { z, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Role, VerificationStatus } from '../auth/principal.ts';
import type { TokenVerifier } from '../auth/token-verifier.ts';
import { forbidden, unauthorized } from '../errors.ts';
import type { AppEnv, AuthedEnv } from './app-env.ts';
import { problemContent } from './problem.ts';

/** A JSON response (or request) content entry of an OpenAPI route. */
export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body of an OpenAPI route. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true as const, content: { 'application/json': { schema } } });

/** The problems every protected route may answer. */
export const authProblems = {
  401: problemContent('AUTH_REQUIRED, TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_ISSUER_UNKNOWN'),
  403: problemContent('ROLE_FORBIDDEN, PRO_ORGANISATION_REQUIRED, PRO_NOT_VERIFIED or EMAIL_NOT_VERIFIED'),
};

const IdempotencyKeyHeaders = z.object({
  'idempotency-key': z.string().optional().openapi({ description: 'Makes the request safe to retry: the same key and body replay the first response.' }),
});

/** Who may call a protected route, and how. */
export interface Guard {
  /** Roles allowed (all signed-in roles when omitted). */
  roles?: readonly Role[];
  /** Honour `Idempotency-Key` (creating POSTs). */
  idempotent?: boolean;
  /** Only pros whose organisation is verified (403 `PRO_NOT_VERIFIED`); admins pass too when `roles` allows them. */
  verifiedPro?: boolean;
}

type RouteWithoutGuard = Omit<RouteConfig, 'middleware' | 'security'>;

type RequestOf<R> = R extends { request: infer Q } ? Q : {};

type GuardedRequest<R extends RouteWithoutGuard, G extends Guard> = G['idempotent'] extends true
  ? Omit<RequestOf<R>, 'headers'> & { headers: typeof IdempotencyKeyHeaders }
  : RequestOf<R>;

/** A route config with the guard's middleware, security entry, headers and problems added. */
export type GuardedRoute<R extends RouteWithoutGuard, G extends Guard, E extends object> = Omit<R, 'request' | 'responses'> & {
  request: GuardedRequest<R, G>;
  responses: R['responses'] & typeof authProblems;
  middleware: [MiddlewareHandler<E>];
  security?: { bearerAuth: string[] }[];
};

/** What the route kit needs from the platform, resolved at request time. */
export interface RouteKitDeps {
  /** The identity module's verifier and organisation lookup (available once identity is initialised). */
  identity: () => {
    verifier: TokenVerifier;
    proStanding(userId: string, orgId: string): Promise<{ verification: VerificationStatus; emailVerified: boolean } | undefined>;
    sessionRevoked(sessionId: string): Promise<boolean>;
  };
  /** `Idempotency-Key` middleware; `callerOf` gives the key space of a request. */
  idempotency: (callerOf: (c: Context) => string) => MiddlewareHandler;
  /** The caller's network address (rate limits, anonymous idempotency scopes). */
  clientAddress: (c: Context) => string;
  /** Size, media type and JSON syntax of request bodies, run once the caller is authenticated. */
  bodyRules?: MiddlewareHandler;
}

/** Runs `middlewares` in order, then `last`. */
async function chain(c: Context, middlewares: readonly MiddlewareHandler[], last: () => Promise<void>): Promise<void> {
  const [first, ...rest] = middlewares;
  if (!first) return last();
  await first(c, () => chain(c, rest, last));
}

/**
 * The one way to declare a route (STYLE.md: one schema, three uses). `protectedRoute` adds the
 * bearer security entry, the 401/403 problems, the `Idempotency-Key` header when asked, and
 * one middleware running, in this order: authentication (the principal, with its
 * organisation's verification status fresh from storage), role, verified-pro, idempotency.
 * Only behind it does a handler's context hold the principal: forgetting auth does not compile.
 *
 * @example
 * r.openapi(kit.protectedRoute({ roles: ['owner'], idempotent: true }, { method: 'post', path: '/things', request: { body: jsonBody(S) }, responses: { 201: jsonContent(T, 'The thing') } }),
 *   async (c) => c.json(await service.create(c.get('principal'), c.req.valid('json')), 201));
 */
export class RouteKit {
  constructor(private readonly deps: RouteKitDeps) {}

  protectedRoute<const R extends RouteWithoutGuard, const G extends Guard>(guard: G, route: R): GuardedRoute<R, G, AuthedEnv> {
    const idempotency = guard.idempotent ? this.deps.idempotency((c) => (c as Context<AuthedEnv>).get('principal').userId) : undefined;
    const middleware = createMiddleware<AuthedEnv>(async (c, next) => {
      await this.#authenticate(c);
      const principal = c.get('principal');
      if (guard.roles && !guard.roles.includes(principal.role)) {
        throw forbidden('ROLE_FORBIDDEN', `This action needs the role ${guard.roles.join(' or ')}.`);
      }
      if (guard.verifiedPro && principal.role === 'pro') {
        if (!principal.orgId) throw forbidden('PRO_ORGANISATION_REQUIRED', 'This professional account belongs to no organisation.');
        if (principal.verification !== 'verified') {
          throw forbidden('PRO_NOT_VERIFIED', 'Your company must be verified (Kbis) before you can use this feature.');
        }
        if (!principal.emailVerified) {
          throw forbidden('EMAIL_NOT_VERIFIED', 'Confirm your email address (the link we sent you) before you can use this feature.');
        }
      }
      await chain(c, this.#after(idempotency), next);
    });
    return this.#assemble(route, guard.idempotent === true, middleware, true) as GuardedRoute<R, G, AuthedEnv>;
  }

  /** A route anyone may call; with `idempotent`, anonymous callers get one key space per client address. */
  publicRoute<const R extends RouteWithoutGuard, const G extends { idempotent?: boolean }>(guard: G, route: R) {
    const idempotency = guard.idempotent ? this.deps.idempotency((c) => `anonymous:${this.deps.clientAddress(c)}`) : undefined;
    const middleware = createMiddleware<AppEnv>(async (c, next) => {
      await chain(c, this.#after(idempotency), next);
    });
    return this.#assemble(route, guard.idempotent === true, middleware, false) as Omit<R, 'request'> & {
      request: GuardedRequest<R, G>;
      middleware: [MiddlewareHandler<AppEnv>];
    };
  }

  /** The caller's network address. */
  clientAddress(c: Context): string {
    return this.deps.clientAddress(c);
  }

  /** Authentication alone, for routers that guard a whole prefix (e.g. server-sent events). */
  readonly authenticate = createMiddleware<AuthedEnv>(async (c, next) => {
    await this.#authenticate(c);
    await next();
  });

  /** What runs once the caller is known: body rules, then idempotency (which reads the body). */
  #after(idempotency: MiddlewareHandler | undefined): MiddlewareHandler[] {
    return [this.deps.bodyRules, idempotency].filter((m): m is MiddlewareHandler => m !== undefined);
  }

  async #authenticate(c: Context<AuthedEnv>): Promise<void> {
    const header = c.req.header('Authorization');
    if (!header) throw unauthorized('AUTH_REQUIRED', 'This endpoint needs an Authorization: Bearer token.');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('TOKEN_INVALID', 'The Authorization header must be "Bearer <token>".');
    const identity = this.deps.identity();
    const principal = await identity.verifier.verify(match[1]!);
    if (principal.sessionId && (await identity.sessionRevoked(principal.sessionId))) {
      throw unauthorized('TOKEN_REVOKED', 'This session was signed out; sign in again.');
    }
    if (principal.role === 'pro' && principal.orgId) {
      const standing = await identity.proStanding(principal.userId, principal.orgId);
      principal.verification = standing?.verification ?? 'unverified';
      principal.emailVerified = standing?.emailVerified ?? false;
    }
    c.set('principal', principal);
    c.set('log', c.get('log').child({ userId: principal.userId, role: principal.role }));
  }

  #assemble(route: RouteWithoutGuard, idempotent: boolean, middleware: unknown, secured: boolean): RouteConfig {
    const request = { ...route.request };
    if (idempotent) {
      const existing = request.headers as z.ZodObject | undefined;
      request.headers = existing ? existing.extend(IdempotencyKeyHeaders.shape) : IdempotencyKeyHeaders;
    }
    return {
      ...route,
      request,
      ...(secured ? { security: [{ bearerAuth: [] }], responses: { ...authProblems, ...route.responses } } : {}),
      middleware: [middleware as MiddlewareHandler],
    } as RouteConfig;
  }
}
