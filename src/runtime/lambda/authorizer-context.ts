import { ROLES, VERIFICATION_STATUSES, type Principal } from '../../platform/auth/principal.ts';

/**
 * What the HTTP API authorizer hands to the module functions, in
 * `requestContext.authorizer.lambda`: flat strings and booleans only (API Gateway's rule for a
 * simple response's context). Absent values are left out.
 */
export type AuthorizerContext = Record<string, string | boolean>;

/** The principal as the authorizer's simple response context carries it. */
export function authorizerContextOf(p: Principal): AuthorizerContext {
  const out: AuthorizerContext = { userId: p.userId, role: p.role, issuer: p.issuer };
  if (p.orgId) out.orgId = p.orgId;
  if (p.email) out.email = p.email;
  if (p.verification) out.verification = p.verification;
  if (p.emailVerified !== undefined) out.emailVerified = p.emailVerified;
  if (p.sessionId) out.sessionId = p.sessionId;
  if (p.expiresAt) out.expiresAt = p.expiresAt.toISOString();
  return out;
}

const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined => (values as readonly unknown[]).includes(v) ? (v as T) : undefined;
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The principal of an authorizer context, or undefined when it is missing or malformed. */
export function principalOfAuthorizerContext(ctx: unknown): Principal | undefined {
  if (typeof ctx !== 'object' || ctx === null) return undefined;
  const c = ctx as Record<string, unknown>;
  const role = oneOf(ROLES, c.role);
  const issuer = oneOf(['local', 'cognito'] as const, c.issuer);
  const userId = text(c.userId);
  if (!role || !issuer || !userId) return undefined;
  const expiresAt = text(c.expiresAt) && !Number.isNaN(Date.parse(c.expiresAt as string)) ? new Date(c.expiresAt as string) : undefined;
  // API Gateway may hand booleans back as strings.
  const emailVerified = c.emailVerified === true || c.emailVerified === 'true' ? true : c.emailVerified === false || c.emailVerified === 'false' ? false : undefined;
  return {
    userId,
    role,
    issuer,
    orgId: text(c.orgId),
    email: text(c.email),
    ...(oneOf(VERIFICATION_STATUSES, c.verification) ? { verification: oneOf(VERIFICATION_STATUSES, c.verification) } : {}),
    ...(emailVerified === undefined ? {} : { emailVerified }),
    ...(text(c.sessionId) ? { sessionId: text(c.sessionId) } : {}),
    ...(expiresAt ? { expiresAt } : {}),
  };
}
