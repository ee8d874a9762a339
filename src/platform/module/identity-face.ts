import type { MiddlewareHandler } from 'hono';
import type { AuthedEnv } from '../http/app-env.ts';
import type { TokenVerifier } from '../auth/token-verifier.ts';
import type { Role, VerificationStatus } from '../auth/principal.ts';
import type { SqlExecutor } from '../ports/sql.ts';

/** How an organisation's verification was decided, for the audit trail. */
export interface VerificationDecision {
  status: VerificationStatus;
  /** Who or what decided: `kbis:<verification id>`, `admin:<user id>`, `registry-recheck`... */
  source: string;
  at: Date;
}

/** A user as other modules see it (no password hash, no tokens). */
export interface UserSummary {
  id: string;
  email: string;
  role: Role;
  name: string;
  /** `fr` (default) or `en`: the language of the user's notifications and pages. */
  locale: 'fr' | 'en';
  emailVerified: boolean;
  orgId: string | null;
}

/** An organisation (a professional's company) as other modules see it. */
export interface OrganisationSummary {
  id: string;
  name: string;
  siren: string;
  verification: VerificationStatus;
  verificationSource: string | null;
  verifiedAt: Date | null;
}

/**
 * The identity module's public face: what every other module may use of accounts and
 * organisations. The runtime hands it to each module through its context.
 */
export interface IdentityFace {
  /** Verifies bearer tokens (local issuer, and Cognito when configured). */
  verifier: TokenVerifier;
  /**
   * The user, or undefined. Inside a transaction, pass it: on PGlite's single connection a
   * lookup outside the open transaction would wait for it forever.
   */
  getUser(userId: string, tx?: SqlExecutor): Promise<UserSummary | undefined>;
  /** Every user of a role, oldest first, at most `limit` (default 100): e.g. the admins to tell of a review. */
  usersWithRole(role: Role, limit?: number): Promise<UserSummary[]>;
  /** The organisation, or undefined. */
  getOrganisation(orgId: string): Promise<OrganisationSummary | undefined>;
  /** Records a verification decision on an organisation; `requireVerifiedPro` sees it at the next request. */
  setOrganisationVerification(orgId: string, decision: VerificationDecision): Promise<void>;
  /** The current verification status of an organisation (fresh from storage). */
  organisationVerification(orgId: string): Promise<VerificationStatus | undefined>;
  /**
   * A pro's standing: its organisation's verification and its own email proof. From memory for at
   * most 2 s; a change made through this face in this process counts at once.
   */
  proStanding(userId: string, orgId: string): Promise<{ verification: VerificationStatus; emailVerified: boolean } | undefined>;
  /** True when the sign-in session was revoked (logout, reused refresh token, password change). */
  sessionRevoked(sessionId: string): Promise<boolean>;
  /** Route middleware (after authentication): 403 `PRO_NOT_VERIFIED` unless the caller is a verified pro. */
  requireVerifiedPro: MiddlewareHandler<AuthedEnv>;
}
