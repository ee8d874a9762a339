import type { Clock } from '../../platform/clock.ts';
import { tooManyRequests } from '../../platform/errors.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';

export interface LoginThrottlePolicy {
  /** Failures of one (account, address) pair inside one window before that pair locks. */
  pairFailures: number;
  /** Failures from one address, whatever the accounts, before that address locks. */
  addressFailures: number;
  windowSeconds: number;
  /** First lock; each further lock of the same key doubles it, up to `maxLockSeconds`. */
  lockSeconds: number;
  maxLockSeconds: number;
}

export const DEFAULT_LOGIN_POLICY: LoginThrottlePolicy = {
  pairFailures: 5,
  addressFailures: 50,
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
  maxLockSeconds: 24 * 3600,
};

/**
 * Slows password guessing without letting an attacker lock a victim out (OWASP's guidance):
 * failures are counted per (account, client address) pair and per address, never per account
 * alone. Five wrong passwords from one address lock that address for that account; the owner
 * signing in from anywhere else is never refused. A locked key that fails again after its lock
 * locks for twice as long (exponential backoff). Kept in SQL so that every process and Lambda
 * instance shares it; keys hold the normalised email whether or not the account exists, so the
 * lock reveals nothing about which emails are registered.
 */
export class LoginThrottle {
  constructor(
    private readonly db: SqlDatabase,
    private readonly clock: Clock,
    private readonly policy: LoginThrottlePolicy = DEFAULT_LOGIN_POLICY,
  ) {}

  /** Throws 429 LOGIN_LOCKED while the pair or the address is locked. */
  async assertNotLocked(email: string, address: string): Promise<void> {
    const { rows } = await this.db.query<{ locked_until: Date | null }>(
      'SELECT max(locked_until) AS locked_until FROM login_throttle WHERE key = ANY($1::text[])',
      [[pairKey(email, address), addressKey(address)]],
    );
    const until = rows[0]?.locked_until;
    const now = this.clock.now();
    if (until && until > now) {
      throw tooManyRequests('LOGIN_LOCKED', 'Too many failed logins from this device: try again later, or reset your password.', (until.getTime() - now.getTime()) / 1000);
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await this.#count(pairKey(email, address), this.policy.pairFailures);
    await this.#count(addressKey(address), this.policy.addressFailures);
  }

  /** A success clears the pair (the address keeps its count: one good account does not excuse a spray). */
  async recordSuccess(email: string, address: string): Promise<void> {
    await this.db.query('DELETE FROM login_throttle WHERE key = $1', [pairKey(email, address)]);
  }

  /** Rows whose window is long over and that lock nothing (housekeeping). */
  async purge(now: Date): Promise<number> {
    const res = await this.db.query('DELETE FROM login_throttle WHERE window_started_at < $1 AND (locked_until IS NULL OR locked_until < $2)', [
      new Date(now.getTime() - 2 * this.policy.maxLockSeconds * 1000),
      now,
    ]);
    return res.rowCount;
  }

  async #count(key: string, threshold: number): Promise<void> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - this.policy.windowSeconds * 1000);
    // One statement, so concurrent failures count right. A stale window restarts at 1 but keeps
    // the number of past locks, which sets the next lock's length (15 min, 30 min, 1 h, ...).
    await this.db.query(
      `INSERT INTO login_throttle (key, failures, window_started_at, lockouts) VALUES ($1, 1, $2, 0)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttle.window_started_at < $3 THEN 1 ELSE login_throttle.failures + 1 END,
         window_started_at = CASE WHEN login_throttle.window_started_at < $3 THEN $2 ELSE login_throttle.window_started_at END,
         lockouts = CASE WHEN login_throttle.window_started_at >= $3 AND login_throttle.failures + 1 >= $4 THEN login_throttle.lockouts + 1 ELSE login_throttle.lockouts END,
         locked_until = CASE
           WHEN login_throttle.window_started_at >= $3 AND login_throttle.failures + 1 >= $4
             THEN $2::timestamptz + make_interval(secs => LEAST($5::float8 * power(2, login_throttle.lockouts), $6::float8))
           ELSE login_throttle.locked_until END`,
      [key, now, windowStart, threshold, this.policy.lockSeconds, this.policy.maxLockSeconds],
    );
  }
}

const pairKey = (email: string, address: string) => `pair:${email}|${address}`;
const addressKey = (address: string) => `address:${address}`;
