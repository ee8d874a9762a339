import type { Logger } from '../../../platform/logger.ts';
import type { TypedPublisher } from '../../../platform/module/events.ts';
import type { BlobStore } from '../../../platform/ports/blob-store.ts';
import type { kbisEvents } from '../events.ts';
import type { CompanyRegistry } from '../registry/company-registry.ts';
import type { DecisionEffectsDeps } from './decision-effects.ts';
import type { VerificationRow } from './verification-record.ts';

const DAY_MS = 86_400_000;
// Each run (every few minutes) handles a slice, so that thousands of companies due the same day spread out.
const RECHECK_SLICE = 25;
const RETENTION_SLICE = 200;

export interface ChoreDeps extends DecisionEffectsDeps {
  blobs: BlobStore;
  registry: CompanyRegistry;
  events: TypedPublisher<typeof kbisEvents>;
  ids: { newId(): string };
  logger: Logger;
  recheckDays: number;
  retentionDays: number;
}

/**
 * The yearly registry re-check: verified companies last checked more than `recheckDays` ago
 * are looked up again; one found closed loses its verified status, its pro is told and
 * `kbis.company-closed` is published. No answer from the registry changes nothing (next run).
 */
export async function recheckVerifiedCompanies(deps: ChoreDeps, now: Date): Promise<number> {
  const due = new Date(now.getTime() - deps.recheckDays * DAY_MS);
  const { rows } = await deps.db.query<VerificationRow>(
    `SELECT * FROM kbis_verifications WHERE status = 'verified' AND (registry_checked_at IS NULL OR registry_checked_at < $1)
     ORDER BY registry_checked_at NULLS FIRST, id LIMIT ${RECHECK_SLICE}`,
    [due],
  );
  let closed = 0;
  for (const row of rows) {
    const lookup = await deps.registry.lookup(row.siren);
    if (lookup.outcome === 'unavailable') continue;
    const gone = lookup.outcome === 'not_found' || !lookup.company.active;
    if (!gone) {
      await deps.db.query('UPDATE kbis_verifications SET registry_checked_at = $2, registry = $3::jsonb WHERE id = $1', [row.id, now, JSON.stringify(lookup)]);
      continue;
    }
    await deps.db.transaction(async (tx) => {
      await tx.query('UPDATE kbis_verifications SET registry_checked_at = $2, registry = $3::jsonb WHERE id = $1', [row.id, now, JSON.stringify(lookup)]);
      await deps.store.decide(tx, { id: row.id, auditId: deps.ids.newId(), status: 'rejected', reasons: [lookup.outcome === 'not_found' ? 'COMPANY_NOT_FOUND' : 'COMPANY_CLOSED'], actor: 'registry-recheck', comment: null, at: now });
      await deps.events.publish('kbis.company-closed', { verificationId: row.id, orgId: row.org_id, siren: row.siren }, { subject: row.id, tx });
    });
    await deps.identity.setOrganisationVerification(row.org_id, { status: 'rejected', source: 'registry-recheck', at: now });
    const org = await deps.identity.getOrganisation(row.org_id);
    await deps.notify.notify({ userId: row.user_id, kind: 'kbis.company-closed', data: { siren: row.siren, companyName: org?.name ?? row.declared_name }, link: `/kbis/verifications/${row.id}` });
    closed++;
  }
  return closed;
}

/**
 * Retention: documents of decided verifications are deleted `retentionDays` after the
 * decision; the extracted fields, the checks and the audit of who decided stay.
 */
export async function deleteExpiredDocuments(deps: ChoreDeps, now: Date): Promise<number> {
  const before = new Date(now.getTime() - deps.retentionDays * DAY_MS);
  const { rows } = await deps.db.query<{ id: string; document_key: string }>(
    `SELECT id, document_key FROM kbis_verifications WHERE document_deleted_at IS NULL AND status IN ('verified', 'rejected') AND decided_at < $1 ORDER BY decided_at LIMIT ${RETENTION_SLICE}`,
    [before],
  );
  for (const r of rows) {
    await deps.blobs.delete(r.document_key);
    await deps.db.query('UPDATE kbis_verifications SET document_deleted_at = $2 WHERE id = $1', [r.id, now]);
  }
  return rows.length;
}
