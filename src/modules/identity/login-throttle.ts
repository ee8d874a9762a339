import type { Clock } from '../../platform/clock.ts';
import { tooManyRequests } from '../../platform/errors.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';

export interface LoginThrottlePolicy {
  /** Failures allowed inside one window before the account locks. */
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

export const DEFAULT_LOGIN_POLICY: LoginThrottlePolicy = { maxFailures: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 };

/**
 * Locks an account's password login after repeated failures. Kept in SQL (not memory) so the
 * lock holds across processes and Lambda instances; keyed by normalised email, whether or not
 * the account exists, so that locking does not reveal which emails are registered.
 */
export class LoginThrottle {
  constructor(
    private readonly db: SqlDatabase,
    private readonly clock: Clock,
    private readonly policy: LoginThrottlePolicy = DEFAULT_LOGIN_POLICY,
  ) {}

  /** Throws 429 LOGIN_LOCKED while the account is locked. */
  async assertNotLocked(email: string): Promise<void> {
    const { rows } = await this.db.query<{ locked_until: Date | null }>('SELECT locked_until FROM login_failures WHERE email = $1', [email]);
    const until = rows[0]?.locked_until;
    const now = this.clock.now();
    if (until && until > now) {
      throw tooManyRequests('LOGIN_LOCKED', 'Too many failed logins: this account is locked for a while.', (until.getTime() - now.getTime()) / 1000);
    }
  }

  async recordFailure(email: string): Promise<void> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - this.policy.windowSeconds * 1000);
    const lockUntil = new Date(now.getTime() + this.policy.lockSeconds * 1000);
    // One statement, so concurrent failures count correctly: a stale window restarts at 1.
    await this.db.query(
      `INSERT INTO login_failures (email, failures, window_started_at) VALUES ($1, 1, $2)
       ON CONFLICT (email) DO UPDATE SET
         failures = CASE WHEN login_failures.window_started_at < $3 THEN 1 ELSE login_failures.failures + 1 END,
         window_started_at = CASE WHEN login_failures.window_started_at < $3 THEN $2 ELSE login_failures.window_started_at END,
         locked_until = CASE
           WHEN login_failures.window_started_at >= $3 AND login_failures.failures + 1 >= $4 THEN $5::timestamptz
           ELSE login_failures.locked_until END`,
      [email, now, windowStart, this.policy.maxFailures, lockUntil],
    );
  }

  async recordSuccess(email: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE email = $1', [email]);
  }
}
