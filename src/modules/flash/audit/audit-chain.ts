import { createHash } from 'node:crypto';
import { type CanonicalValue, canonicalJson } from '../package/canonical-json.ts';

/** One entry of the flash audit log: who did what when, chained to the entry before it. */
export interface AuditEntry {
  /** 1-based position in the log. */
  seq: number;
  /** ISO 8601 UTC time (from the injected clock). */
  at: string;
  actor: string;
  action: string;
  data: { [key: string]: CanonicalValue };
  /** Hash of the previous entry (64 zeros for the first). */
  prevHash: string;
  /** SHA-256 of this entry's canonical JSON without `hash`. */
  hash: string;
}

/** What the caller supplies for a new entry. */
export interface AuditInput {
  at: Date;
  actor: string;
  action: string;
  data: { [key: string]: CanonicalValue };
}

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hash an entry must carry: SHA-256 over the canonical JSON of all its other fields. */
export function auditEntryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actor, action, data, prevHash } = entry;
  return createHash('sha256').update(canonicalJson({ seq, at, actor, action, data, prevHash })).digest('hex');
}

/**
 * The entry that follows `previous` (or starts the log): next sequence number, the previous
 * hash, and its own hash. Pure: storing it (append-only) is the caller's job.
 */
export function nextAuditEntry(previous: AuditEntry | undefined, input: AuditInput): AuditEntry {
  const body = {
    seq: (previous?.seq ?? 0) + 1,
    at: input.at.toISOString(),
    actor: input.actor,
    action: input.action,
    data: input.data,
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return { ...body, hash: auditEntryHash(body) };
}

/** Why a link of the chain does not hold. */
export type AuditBreak = 'SEQUENCE_GAP' | 'PREVIOUS_HASH_MISMATCH' | 'HASH_MISMATCH' | 'HEAD_MISMATCH';

/** Outcome of verifying a log. */
export type AuditVerification =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; brokenAt: number; reason: AuditBreak };

/**
 * Walks the log in order and returns the first broken link: a sequence number out of order, a
 * `prevHash` that is not the previous entry's hash, or a hash that does not match the entry's
 * content (an edited entry). `after` verifies a later page that continues from a known entry;
 * `head`, the last hash recorded elsewhere (a checkpoint), also catches a rewritten or cut tail,
 * which a chain alone cannot show.
 */
export function verifyAuditChain(entries: readonly AuditEntry[], options: { after?: AuditEntry; head?: string } = {}): AuditVerification {
  const { after, head } = options;
  let previousHash = after?.hash ?? GENESIS_HASH;
  let expectedSeq = (after?.seq ?? 0) + 1;
  for (const entry of entries) {
    const broken = (reason: AuditBreak): AuditVerification => ({ ok: false, count: entries.length, brokenAt: entry.seq, reason });
    if (entry.seq !== expectedSeq) return broken('SEQUENCE_GAP');
    if (entry.prevHash !== previousHash) return broken('PREVIOUS_HASH_MISMATCH');
    if (auditEntryHash(entry) !== entry.hash) return broken('HASH_MISMATCH');
    previousHash = entry.hash;
    expectedSeq++;
  }
  if (head !== undefined && head !== previousHash) {
    return { ok: false, count: entries.length, brokenAt: entries.at(-1)?.seq ?? 0, reason: 'HEAD_MISMATCH' };
  }
  return { ok: true, count: entries.length, headHash: previousHash };
}
