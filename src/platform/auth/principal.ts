import { forbidden } from '../errors.ts';

/** The three roles of the platform. Admin is never self-registered. */
export const ROLES = ['owner', 'pro', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Where an organisation stands: only `verified` opens the pro-only features. */
export const VERIFICATION_STATUSES = ['unverified', 'needs_review', 'verified', 'rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** Who is calling, as proven by a verified access token. */
export interface Principal {
  userId: string;
  role: Role;
  /** The organisation (company) of a pro; undefined for owners and admins. */
  orgId: string | undefined;
  email: string | undefined;
  /** Which identity provider issued the token. */
  issuer: 'local' | 'cognito';
  /**
   * The pro's organisation verification status, read from storage at each request (so that a
   * revocation takes effect at once); undefined for owners and admins.
   */
  verification?: VerificationStatus | undefined;
  /** Whether a pro proved their email address (read with `verification`); undefined for others. */
  emailVerified?: boolean | undefined;
  /** When the token stops being valid (its `exp`). */
  expiresAt?: Date | undefined;
  /** The sign-in session the token belongs to (local tokens): revoked at logout. */
  sessionId?: string | undefined;
}

/**
 * What a principal may see: everything (admin), its organisation's rows (pro) or its own rows (owner).
 * Data access code turns this into a WHERE clause; see `scopeFilter`.
 */
export type TenantScope = { kind: 'all' } | { kind: 'org'; orgId: string } | { kind: 'user'; userId: string };

export function tenantScope(p: Principal): TenantScope {
  if (p.role === 'admin') return { kind: 'all' };
  if (p.role === 'pro' && p.orgId) return { kind: 'org', orgId: p.orgId };
  return { kind: 'user', userId: p.userId };
}

/** The tenancy columns of a row a principal creates: the owner's user id, or the pro's organisation. */
export interface TenancyColumns {
  ownerUserId: string | null;
  orgId: string | null;
}

/**
 * The write-side of tenancy, beside {@link scopeFilter}: who a new row belongs to. Owners own
 * their rows, pros' rows belong to their organisation. Admins own nothing (403 `ROLE_FORBIDDEN`),
 * and a pro without an organisation (possible with Cognito) is 403 `PRO_ORGANISATION_REQUIRED`.
 */
export function tenancyOf(p: Principal): TenancyColumns {
  if (p.role === 'owner') return { ownerUserId: p.userId, orgId: null };
  if (p.role === 'pro') {
    if (!p.orgId) throw forbidden('PRO_ORGANISATION_REQUIRED', 'This professional account belongs to no organisation.');
    return { ownerUserId: null, orgId: p.orgId };
  }
  throw forbidden('ROLE_FORBIDDEN', 'Administrators do not own resources; act as an owner or a professional.');
}

/**
 * SQL fragment restricting rows to the principal's tenancy. `paramIndex` is the number of the
 * next positional parameter. Returns `TRUE` for admins.
 */
export function scopeFilter(
  p: Principal,
  columns: { ownerUserId: string; orgId: string },
  paramIndex: number,
): { sql: string; params: unknown[] } {
  const scope = tenantScope(p);
  switch (scope.kind) {
    case 'all':
      return { sql: 'TRUE', params: [] };
    case 'org':
      return { sql: `${columns.orgId} = $${paramIndex}`, params: [scope.orgId] };
    case 'user':
      return { sql: `${columns.ownerUserId} = $${paramIndex}`, params: [scope.userId] };
  }
}
