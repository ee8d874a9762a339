import type { Logger } from '../../../platform/logger.ts';
import type { IdentityFace } from '../../../platform/module/identity-face.ts';
import type { SqlDatabase } from '../../../platform/ports/sql.ts';
import type { UserNotifier } from '../../../platform/notifications/user-notifier.ts';
import type { VerificationRow } from './verification-record.ts';
import type { VerificationStore } from './verification-store.ts';

/** What follows a decision, whoever took it. */
export interface DecisionEffectsDeps {
  db: SqlDatabase;
  store: VerificationStore;
  identity: IdentityFace;
  notify: UserNotifier;
  logger: Logger;
}

const link = (id: string) => `/kbis/verifications/${id}`;

/**
 * Applies a decided verification: the organisation's status (so that `requireVerifiedPro`
 * sees it at the next request), the pro told, admins told when a person must look, and — when
 * it is verified — the other organisations that claimed the same SIREN told that this one won.
 * Safe to run again (a workflow retry): statuses are set, not toggled.
 */
export async function applyDecision(deps: DecisionEffectsDeps, row: VerificationRow, at: Date): Promise<void> {
  if (row.status === 'pending') return;
  await deps.identity.setOrganisationVerification(row.org_id, { status: row.status, source: `kbis:${row.id}`, at });
  const org = await deps.identity.getOrganisation(row.org_id);
  const data = { siren: row.siren, companyName: org?.name ?? row.declared_name, reasons: row.reasons.join(', ') };
  const kind = row.status === 'verified' ? 'kbis.verified' : row.status === 'rejected' ? 'kbis.rejected' : 'kbis.needs-review';
  await deps.notify.notify({ userId: row.user_id, kind, data, link: link(row.id) });
  if (row.status === 'needs_review') {
    const { rows } = await deps.db.query<{ user_id: string }>('SELECT user_id FROM kbis_reviewers');
    if (rows.length === 0) deps.logger.warn({ verificationId: row.id }, 'a Kbis verification needs review and no admin has opened the review queue yet');
    for (const r of rows) await deps.notify.notify({ userId: r.user_id, kind: 'kbis.review-requested', data, link: `/admin/kbis/${row.id}` });
  }
  if (row.status === 'verified') {
    for (const claim of await deps.store.otherClaims(row.siren, row.org_id)) {
      await deps.notify.notify({ userId: claim.user_id, kind: 'kbis.siren-claimed', data: { siren: row.siren }, link: link(row.id) });
    }
  }
}
