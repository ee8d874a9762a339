import { isUuid } from '../../../platform/ids.ts';
import type { SqlExecutor } from '../../../platform/ports/sql.ts';
import type { Check } from '../domain/checks.ts';
import type { KbisFields } from '../domain/kbis-fields.ts';
import type { ReasonCode } from '../domain/reason-codes.ts';
import type { VerificationRow, VerificationStatus } from './verification-record.ts';

const json = (v: unknown) => JSON.stringify(v);

/** SQL access to verifications and their decisions (the module's only tables but the registry's). */
export class VerificationStore {
  constructor(private readonly db: SqlExecutor) {}

  async insert(tx: SqlExecutor, r: Pick<VerificationRow, 'id' | 'org_id' | 'user_id' | 'siren' | 'declared_name' | 'document_key' | 'document_type' | 'document_sha256' | 'submitted_at'>): Promise<void> {
    await tx.query(
      `INSERT INTO kbis_verifications (id, org_id, user_id, siren, declared_name, status, document_key, document_type, document_sha256, submitted_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9)`,
      [r.id, r.org_id, r.user_id, r.siren, r.declared_name, r.document_key, r.document_type, r.document_sha256, r.submitted_at],
    );
  }

  async get(id: string, tx: SqlExecutor = this.db): Promise<VerificationRow | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await tx.query<VerificationRow>('SELECT * FROM kbis_verifications WHERE id = $1', [id]);
    return rows[0];
  }

  /** Stores what the document gave (the extraction step). */
  async saveReading(id: string, reading: { fields: KbisFields | null; textSource: 'text-layer' | 'ocr' | 'none'; confidence: number | null; tamper: unknown }): Promise<void> {
    await this.db.query(
      'UPDATE kbis_verifications SET extracted = $2::jsonb, text_source = $3, ocr_confidence = $4, tamper = $5::jsonb, verification_code = $6 WHERE id = $1',
      [id, json(reading.fields), reading.textSource, reading.confidence, json(reading.tamper), reading.fields?.verificationCode ?? null],
    );
  }

  async saveRegistry(id: string, registry: unknown, at: Date): Promise<void> {
    await this.db.query('UPDATE kbis_verifications SET registry = $2::jsonb, registry_checked_at = $3 WHERE id = $1', [id, json(registry), at]);
  }

  /** The workflow's decision, kept until ApplyDecision makes it the status. */
  async propose(id: string, p: { decision: VerificationStatus; checks: Check[]; reasons: ReasonCode[] }): Promise<void> {
    await this.db.query('UPDATE kbis_verifications SET proposed = $2, checks = $3::jsonb, reasons = $4::jsonb WHERE id = $1', [id, p.decision, json(p.checks), json(p.reasons)]);
  }

  /** Records a decision and its audit entry in one transaction. */
  async decide(tx: SqlExecutor, d: { id: string; auditId: string; status: VerificationStatus; checks?: Check[]; reasons: ReasonCode[]; actor: string; comment: string | null; at: Date }): Promise<void> {
    await tx.query(
      `UPDATE kbis_verifications SET status = $2, checks = COALESCE($3::jsonb, checks), reasons = $4::jsonb, decided_at = $5, decided_by = $6 WHERE id = $1`,
      [d.id, d.status, d.checks ? json(d.checks) : null, json(d.reasons), d.at, d.actor],
    );
    await tx.query('INSERT INTO kbis_decisions (id, verification_id, decision, reasons, actor, comment, at) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)', [
      d.auditId,
      d.id,
      d.status,
      json(d.reasons),
      d.actor,
      d.comment,
      d.at,
    ]);
  }

  /** Other organisations' verifications of the same SIREN, with whether one of them is verified. */
  async otherClaims(siren: string, orgId: string): Promise<{ org_id: string; user_id: string; status: VerificationStatus }[]> {
    const { rows } = await this.db.query<{ org_id: string; user_id: string; status: VerificationStatus }>(
      `SELECT DISTINCT ON (org_id) org_id, user_id, status FROM kbis_verifications WHERE siren = $1 AND org_id <> $2 ORDER BY org_id, submitted_at DESC`,
      [siren, orgId],
    );
    return rows;
  }

  /** Verifications of `status` in submission order after `afterId` (the review queue, oldest first). */
  async listByStatus(status: VerificationStatus | undefined, afterId: string | undefined, limit: number): Promise<VerificationRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (status) where.push(`status = $${params.push(status)}`);
    if (afterId) where.push(`id > $${params.push(afterId)}`);
    const { rows } = await this.db.query<VerificationRow>(`SELECT * FROM kbis_verifications ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ${Math.trunc(limit)}`, params);
    return rows;
  }

  /** An organisation's verifications, oldest first after `afterId`. */
  async listByOrg(orgId: string, afterId: string | undefined, limit: number): Promise<VerificationRow[]> {
    const { rows } = await this.db.query<VerificationRow>(
      `SELECT * FROM kbis_verifications WHERE org_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT ${Math.trunc(limit)}`,
      [orgId, afterId ?? null],
    );
    return rows;
  }

  async decisions(id: string): Promise<{ decision: string; actor: string; comment: string | null; at: Date; reasons: ReasonCode[] }[]> {
    const { rows } = await this.db.query<{ decision: string; actor: string; comment: string | null; at: Date; reasons: ReasonCode[] }>(
      'SELECT decision, actor, comment, at, reasons FROM kbis_decisions WHERE verification_id = $1 ORDER BY at, id',
      [id],
    );
    return rows;
  }
}
