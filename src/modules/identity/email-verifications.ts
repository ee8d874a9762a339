import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import { badRequest } from '../../platform/errors.ts';
import type { SqlDatabase, SqlExecutor } from '../../platform/ports/sql.ts';

const TOKEN_TTL_MS = 48 * 3600 * 1000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/**
 * Single-use, expiring proofs that a user reads the mailbox of their address. Only a hash of
 * each token is stored, so the table cannot be replayed; the token itself travels in the email.
 */
export class EmailVerifications {
  constructor(
    private readonly db: SqlDatabase,
    private readonly clock: Clock,
    /** Called once a user's email is proved (the pro standings this process remembers are read again). */
    private readonly onVerified: () => void = () => {},
  ) {}

  /** A new token for `userId` (earlier unused ones stay valid until they expire). */
  async issue(tx: SqlExecutor, userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await tx.query('INSERT INTO email_verifications (token_hash, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4)', [
      sha256(token),
      userId,
      new Date(now.getTime() + TOKEN_TTL_MS),
      now,
    ]);
    return token;
  }

  /** Uses a token and marks its user's email verified; 400 `VERIFICATION_TOKEN_INVALID` when unknown, used or expired. */
  async verify(token: string): Promise<string> {
    const now = this.clock.now();
    const userId = await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ user_id: string }>(
        'UPDATE email_verifications SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id',
        [sha256(token), now],
      );
      const userId = rows[0]?.user_id;
      if (!userId) throw badRequest('VERIFICATION_TOKEN_INVALID', 'This verification link is not valid any more; ask for a new one.');
      await tx.query('UPDATE users SET email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $1', [userId, now]);
      return userId;
    });
    this.onVerified();
    return userId;
  }

  /** Removes tokens past their expiry (housekeeping). */
  async purge(now: Date): Promise<number> {
    return (await this.db.query('DELETE FROM email_verifications WHERE expires_at < $1', [now])).rowCount;
  }
}
