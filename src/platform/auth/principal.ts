/** The three roles of the platform. Admin is never self-registered. */
export const ROLES = ['owner', 'pro', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified access token. */
export interface Principal {
  userId: string;
  role: Role;
  /** The organisation (company) of a pro; undefined for owners and admins. */
  orgId: string | undefined;
  email: string | undefined;
  /** Which identity provider issued the token. */
  issuer: 'local' | 'cognito';
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

/** A resource's tenancy: the user who owns it and/or the organisation it belongs to. */
export interface Tenancy {
  ownerUserId?: string | null;
  orgId?: string | null;
}

/** True when `p` may read a resource with tenancy `t`. */
export function canAccess(p: Principal, t: Tenancy): boolean {
  const scope = tenantScope(p);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'org':
      return t.orgId === scope.orgId;
    case 'user':
      return t.ownerUserId === scope.userId;
  }
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
