import type { SqlExecutor } from '../../../platform/ports/sql.ts';
import { type AuditEntry, type AuditVerification, nextAuditEntry, verifyAuditChain } from '../audit/audit-chain.ts';
import type { CanonicalValue } from '../package/canonical-json.ts';

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  data: { [key: string]: CanonicalValue };
  prev_hash: string;
  hash: string;
}

const toEntry = (r: AuditRow): AuditEntry => ({ seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, data: r.data, prevHash: r.prev_hash, hash: r.hash });

/** The hash-chained audit log in SQL: appended under the head row's lock, never updated (a trigger refuses). */
export class AuditStore {
  /** The head as this process last appended it: the next entry is chained to it in one statement when it still holds. */
  #head: { seq: number; hash: string } | undefined;

  /**
   * Appends one entry inside the caller's transaction, chained to the current head. With the head
   * this process last wrote, one statement: the head row moved on only if it is still that one
   * (which locks it until the transaction ends, so appends chain one at a time; a concurrent
   * append that committed first makes it match nothing), and the entry inserted only then.
   * Otherwise (another process appended, a transaction rolled back, a fresh process) two: the
   * head moved on and read, then the entry inserted with the head's new hash.
   */
  async append(tx: SqlExecutor, input: { at: Date; actor: string; action: string; jobId: string | null; data: { [key: string]: CanonicalValue } }): Promise<AuditEntry> {
    const content = { at: input.at, actor: input.actor, action: input.action, data: { ...input.data, jobId: input.jobId } };
    const params = (e: AuditEntry) => [e.seq, e.at, e.actor, e.action, input.jobId, JSON.stringify(e.data), e.prevHash, e.hash];
    if (this.#head) {
      const entry = nextAuditEntry({ seq: this.#head.seq, hash: this.#head.hash } as AuditEntry, content);
      const res = await tx.query(
        `WITH head AS (
           UPDATE flash_audit_head SET seq = $1, hash = $8 WHERE id = 1 AND seq = $1::bigint - 1 AND hash = $7 RETURNING seq
         )
         INSERT INTO flash_audit (seq, at, actor, action, job_id, data, prev_hash, hash) SELECT $1, $2, $3, $4, $5, $6::jsonb, $7, $8 FROM head`,
        params(entry),
      );
      this.#head = undefined;
      if (res.rowCount === 1) {
        this.#head = { seq: entry.seq, hash: entry.hash };
        return entry;
      }
    }
    const head = (await tx.query<{ seq: number; hash: string }>('UPDATE flash_audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash')).rows[0]!;
    const entry = nextAuditEntry({ seq: Number(head.seq) - 1, hash: head.hash } as AuditEntry, content);
    await tx.query(
      `WITH entry AS (
         INSERT INTO flash_audit (seq, at, actor, action, job_id, data, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)
       )
       UPDATE flash_audit_head SET hash = $8 WHERE id = 1`,
      params(entry),
    );
    this.#head = { seq: entry.seq, hash: entry.hash };
    return entry;
  }

  /** Entries after `afterSeq`, oldest first. */
  async page(db: SqlExecutor, afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const res = await db.query<AuditRow>('SELECT * FROM flash_audit WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit]);
    return res.rows.map(toEntry);
  }

  /** One job's entries, oldest first. */
  async ofJob(db: SqlExecutor, jobId: string): Promise<AuditEntry[]> {
    const res = await db.query<AuditRow>('SELECT * FROM flash_audit WHERE job_id = $1 ORDER BY seq', [jobId]);
    return res.rows.map(toEntry);
  }

  /** Verifies the whole chain, page by page, against the recorded head (which also catches a cut tail). */
  async verify(db: SqlExecutor): Promise<AuditVerification> {
    const head = (await db.query<{ hash: string }>('SELECT hash FROM flash_audit_head WHERE id = 1')).rows[0]!;
    let after: AuditEntry | undefined;
    let count = 0;
    for (;;) {
      const entries = await this.page(db, after?.seq ?? 0, 1000);
      const last = entries.length < 1000;
      const result = verifyAuditChain(entries, { ...(after ? { after } : {}), ...(last ? { head: head.hash } : {}) });
      count += entries.length;
      if (!result.ok) return { ...result, count };
      if (last) return { ok: true, count, headHash: result.headHash };
      after = entries.at(-1);
    }
  }
}
