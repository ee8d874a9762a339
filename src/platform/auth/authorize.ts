import { createMiddleware } from 'hono/factory';
import { forbidden, unauthorized } from '../errors.ts';
import type { AppEnv } from '../http/app-env.ts';
import type { Role } from './principal.ts';
import type { TokenVerifier } from './token-verifier.ts';

/** Requires a valid `Authorization: Bearer <JWT>` and puts the principal on the context. */
export function requireAuth(verifier: TokenVerifier) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('Authorization');
    if (!header) throw unauthorized('AUTH_REQUIRED', 'This endpoint needs an Authorization: Bearer token.');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('TOKEN_INVALID', 'The Authorization header must be "Bearer <token>".');
    const principal = await verifier.verify(match[1]!);
    c.set('principal', principal);
    c.set('log', c.get('log').child({ userId: principal.userId, role: principal.role }));
    await next();
  });
}

/** Requires one of `roles` (use after requireAuth). */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { role } = c.get('principal');
    if (!roles.includes(role)) throw forbidden('ROLE_FORBIDDEN', `This action needs the role ${roles.join(' or ')}.`);
    await next();
  });
}
