import type { VerificationStatus } from '../../platform/auth/principal.ts';
import { notFound } from '../../platform/errors.ts';
import type { OrganisationSummary, VerificationDecision } from '../../platform/module/identity-face.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import { isUuid } from '../../platform/ids.ts';

interface OrganisationRow {
  id: string;
  name: string;
  siren: string;
  verification_status: VerificationStatus;
  verification_source: string | null;
  verified_at: Date | null;
}

/** Organisations (professionals' companies) and their verification status. */
export class Organisations {
  constructor(private readonly db: SqlDatabase) {}

  async get(orgId: string): Promise<OrganisationSummary | undefined> {
    if (!isUuid(orgId)) return undefined;
    const { rows } = await this.db.query<OrganisationRow>(
      'SELECT id, name, siren, verification_status, verification_source, verified_at FROM organisations WHERE id = $1',
      [orgId],
    );
    const r = rows[0];
    return r && { id: r.id, name: r.name, siren: r.siren, verification: r.verification_status, verificationSource: r.verification_source, verifiedAt: r.verified_at };
  }

  /** The status alone: read on every authenticated pro request, so one indexed lookup. */
  async verificationOf(orgId: string): Promise<VerificationStatus | undefined> {
    if (!isUuid(orgId)) return undefined;
    const { rows } = await this.db.query<{ verification_status: VerificationStatus }>('SELECT verification_status FROM organisations WHERE id = $1', [orgId]);
    return rows[0]?.verification_status;
  }

  /**
   * What gates a pro's pro-only features (one indexed lookup; `ProStandings` remembers it for
   * the requests of the next 2 s): the organisation's verification and whether the user proved their email.
   */
  async standing(userId: string, orgId: string): Promise<{ verification: VerificationStatus; emailVerified: boolean } | undefined> {
    if (!isUuid(orgId) || !isUuid(userId)) return undefined;
    const { rows } = await this.db.query<{ verification_status: VerificationStatus; email_verified: boolean }>(
      `SELECT o.verification_status, u.email_verified_at IS NOT NULL AS email_verified
       FROM organisations o LEFT JOIN users u ON u.id = $2 AND u.org_id = o.id WHERE o.id = $1`,
      [orgId, userId],
    );
    const r = rows[0];
    return r && { verification: r.verification_status, emailVerified: r.email_verified };
  }

  /** Records a decision; 404 `ORGANISATION_NOT_FOUND` for an unknown organisation. */
  async setVerification(orgId: string, decision: VerificationDecision): Promise<void> {
    const res = await this.db.query(
      `UPDATE organisations SET verification_status = $2, verification_source = $3,
         verified_at = CASE WHEN $2 = 'verified' THEN $4::timestamptz ELSE NULL END
       WHERE id = $1`,
      [isUuid(orgId) ? orgId : '00000000-0000-0000-0000-000000000000', decision.status, decision.source, decision.at],
    );
    if (res.rowCount === 0) throw notFound('ORGANISATION_NOT_FOUND', 'No such organisation.');
  }
}
