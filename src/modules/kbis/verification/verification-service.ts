import { createHash } from 'node:crypto';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Clock } from '../../../platform/clock.ts';
import { sniffDocumentType } from '../../../platform/documents/document-type.ts';
import { AppError, conflict, forbidden, notFound } from '../../../platform/errors.ts';
import type { BlobStore } from '../../../platform/ports/blob-store.ts';
import { applyDecision, type DecisionEffectsDeps } from './decision-effects.ts';
import type { VerificationRow } from './verification-record.ts';

/** Largest extract accepted (a Kbis PDF is ~100 KB; a phone photo a few MB). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const EXTENSIONS = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' } as const;

export interface VerificationServiceDeps extends DecisionEffectsDeps {
  blobs: BlobStore;
  clock: Clock;
}

/** Submissions, reads and admin decisions of Kbis verifications. */
export class VerificationService {
  constructor(private readonly deps: VerificationServiceDeps) {}

  /**
   * Accepts an extract from a pro: stores it (encrypted at rest by the blob store), records a
   * pending verification and, in the same transaction, the event that starts the workflow.
   */
  async submit(p: Principal, document: Uint8Array): Promise<VerificationRow> {
    if (p.role !== 'pro' || !p.orgId) throw forbidden('PRO_ORGANISATION_REQUIRED', 'Only a professional account with a company can submit a Kbis.');
    if (document.length > MAX_DOCUMENT_BYTES) throw new AppError(413, 'DOCUMENT_TOO_LARGE', 'The document must be at most 10 MB.');
    const type = sniffDocumentType(document);
    const org = await this.deps.identity.getOrganisation(p.orgId);
    if (!org) throw notFound('ORGANISATION_NOT_FOUND', 'Your organisation no longer exists.');
    if (org.verification === 'verified') throw conflict('ALREADY_VERIFIED', 'Your company is already verified.');
    const { rows: running } = await this.deps.db.query("SELECT 1 FROM kbis_verifications WHERE org_id = $1 AND status = 'pending' LIMIT 1", [p.orgId]);
    if (running.length) throw conflict('VERIFICATION_IN_PROGRESS', 'A verification of your Kbis is already running; wait for its result.');
    const id = this.deps.ids.newId();
    const key = `kbis/${p.orgId}/${id}.${EXTENSIONS[type]}`;
    await this.deps.blobs.put(key, document, { contentType: type, metadata: { verification: id } });
    const row = {
      id,
      org_id: p.orgId,
      user_id: p.userId,
      siren: org.siren,
      declared_name: org.name,
      document_key: key,
      document_type: type,
      document_sha256: createHash('sha256').update(document).digest('hex'),
      submitted_at: this.deps.clock.now(),
    };
    await this.deps.db.transaction(async (tx) => {
      await this.deps.store.insert(tx, row);
      await this.deps.events.publish('kbis.verification-submitted', { verificationId: id, orgId: p.orgId!, siren: org.siren }, { subject: id, tx });
    });
    return (await this.deps.store.get(id))!;
  }

  /** A verification its organisation's pros and admins may see; anything else is 404. */
  async get(p: Principal, id: string): Promise<VerificationRow> {
    const row = await this.deps.store.get(id);
    if (!row || (p.role !== 'admin' && !(p.role === 'pro' && p.orgId === row.org_id))) throw notFound('VERIFICATION_NOT_FOUND', 'No such verification.');
    return row;
  }

  /** A short-lived URL to the document, for its pro and admins; 410 once retention deleted it. */
  async documentUrl(p: Principal, id: string): Promise<{ url: string; expiresAt: Date }> {
    const row = await this.get(p, id);
    if (row.document_deleted_at) throw new AppError(410, 'DOCUMENT_DELETED', 'The document was deleted at the end of its retention period; the extracted fields remain.');
    const seconds = 300;
    const url = await this.deps.blobs.signedUrl(row.document_key, { method: 'GET', expiresInSeconds: seconds });
    return { url, expiresAt: new Date(this.deps.clock.now().getTime() + seconds * 1000) };
  }

  /** An admin's decision on a verification that is not pending; recorded in the audit with the comment. */
  async adminDecide(admin: Principal, id: string, decision: 'verified' | 'rejected', comment: string | null): Promise<VerificationRow> {
    const row = await this.get(admin, id);
    if (row.status === 'pending') throw conflict('VERIFICATION_PENDING', 'The verification is still running; decide once it has finished.');
    const reasons = decision === 'verified' ? [] : row.reasons;
    return applyDecision(this.deps, row, { status: decision, reasons, actor: `admin:${admin.userId}`, comment }, this.deps.clock.now());
  }
}
