/** A stored outcome that a repeated request or call gets back. */
export interface StoredOutcome {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What claiming a key found. */
export type ClaimResult =
  | { kind: 'claimed' }
  | { kind: 'completed'; outcome: StoredOutcome }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

/**
 * Persistence of idempotency records, after Powertools' `BasePersistenceLayer`: one record per
 * (scope, key) with the request's hash, a status, an in-progress lock and an expiry.
 * Adapters: SQL (here), DynamoDB in AWS.
 */
export interface IdempotencyStore {
  /**
   * Claims `key` for a new attempt, or tells what an earlier attempt left: its completed outcome,
   * a different request under the same key, or an attempt still running (its lock not expired).
   * An expired record, or an abandoned attempt whose lock expired, is taken over.
   */
  claim(input: { scope: string; key: string; hash: string; now: Date; lockMs: number; ttlMs: number }): Promise<ClaimResult>;
  /** Records the outcome of the attempt that holds the key. */
  complete(scope: string, key: string, outcome: StoredOutcome): Promise<void>;
  /** Forgets an attempt that failed, so that it can be retried with the same key. */
  release(scope: string, key: string): Promise<void>;
  /** Deletes records whose replay window has passed (housekeeping); returns how many. */
  purgeExpired(now: Date): Promise<number>;
}
