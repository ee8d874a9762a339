import { reasonsInWords } from '../domain/reason-codes.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { TypedPublisher } from '../../../platform/module/events.ts';
import type { IdentityFace } from '../../../platform/module/identity-face.ts';
import type { SqlDatabase } from '../../../platform/ports/sql.ts';
import type { UserNotifier } from '../../../platform/notifications/user-notifier.ts';
import type { ReasonCode } from '../domain/reason-codes.ts';
import type { kbisEvents } from '../events.ts';
import type { VerificationRow } from './verification-record.ts';
import type { VerificationStore } from './verification-store.ts';

/** What follows a decision, whoever took it. */
export interface DecisionEffectsDeps {
  db: SqlDatabase;
  store: VerificationStore;
  identity: IdentityFace;
  notify: UserNotifier;
  logger: Logger;
  events: TypedPublisher<typeof kbisEvents>;
  ids: { newId(): string };
}

/** A decision to apply: by the workflow (`auto`) or an admin (`admin:<id>`, with a comment). */
export interface DecisionToApply {
  status: 'verified' | 'rejected' | 'needs_review';
  reasons: ReasonCode[];
  actor: string;
  comment: string | null;
}

const link = (id: string) => `/kbis/verifications/${id}`;

/**
 * Applies a decision: first the organisation's status (so that once the verification reads
 * decided, `requireVerifiedPro` already agrees), then the verification's status with its audit
 * entry and `kbis.verification-decided`, then the notifications — the pro; admins when a person
 * must look; when verified, the other organisations that claimed the same SIREN.
 */
export async function applyDecision(deps: DecisionEffectsDeps, row: VerificationRow, d: DecisionToApply, at: Date): Promise<VerificationRow> {
  await deps.identity.setOrganisationVerification(row.org_id, { status: d.status, source: d.actor === 'auto' ? `kbis:${row.id}` : d.actor, at });
  await deps.db.transaction(async (tx) => {
    await deps.store.decide(tx, { id: row.id, auditId: deps.ids.newId(), status: d.status, reasons: d.reasons, actor: d.actor, comment: d.comment, at });
    await deps.events.publish('kbis.verification-decided', { verificationId: row.id, orgId: row.org_id, siren: row.siren, decision: d.status, reasons: d.reasons, decidedBy: d.actor }, { subject: row.id, tx });
  });
  const org = await deps.identity.getOrganisation(row.org_id);
  const data = { siren: row.siren, companyName: org?.name ?? row.declared_name, reasonsFr: reasonsInWords(d.reasons, 'fr'), reasonsEn: reasonsInWords(d.reasons, 'en') };
  const kind = d.status === 'verified' ? 'kbis.verified' : d.status === 'rejected' ? 'kbis.rejected' : 'kbis.needs-review';
  await deps.notify.notify({ userId: row.user_id, kind, data, link: link(row.id) });
  if (d.status === 'needs_review') {
    const admins = await deps.identity.usersWithRole('admin');
    if (admins.length === 0) deps.logger.warn({ verificationId: row.id }, 'a Kbis verification needs review and there is no admin account to tell');
    for (const admin of admins) await deps.notify.notify({ userId: admin.id, kind: 'kbis.review-requested', data, link: `/admin/kbis/${row.id}` });
  }
  if (d.status === 'verified') {
    for (const claim of await deps.store.otherClaims(row.siren, row.org_id)) {
      await deps.notify.notify({ userId: claim.user_id, kind: 'kbis.siren-claimed', data: { siren: row.siren }, link: link(row.id) });
    }
  }
  return (await deps.store.get(row.id))!;
}
