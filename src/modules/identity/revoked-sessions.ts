import type { Clock } from '../../platform/clock.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';

/**
 * Which sign-in sessions (refresh-token families) were revoked while their access tokens may
 * still be live: logout, a reused refresh token, a password change. The route kit asks on each
 * request; the answer comes from memory, reloaded from SQL at most every `refreshMs`, so a
 * revocation anywhere stops that session's access tokens within seconds, everywhere, without a
 * database round trip per request. Revocations made in this process count at once.
 */
export class RevokedSessions {
  #revoked = new Set<string>();
  #loadedAt = Number.NEGATIVE_INFINITY;
  #loading: Promise<void> | undefined;

  constructor(
    private readonly db: SqlDatabase,
    private readonly clock: Clock,
    /** Access tokens live this long: older revocations no longer matter. */
    private readonly accessTtlSeconds: number,
    private readonly refreshMs = 2000,
  ) {}

  async isRevoked(sessionId: string): Promise<boolean> {
    if (performance.now() - this.#loadedAt > this.refreshMs) await this.#reload();
    return this.#revoked.has(sessionId);
  }

  /** Records revocations made by this process, effective before the next reload. */
  note(sessionIds: Iterable<string>): void {
    for (const id of sessionIds) this.#revoked.add(id);
  }

  #reload(): Promise<void> {
    this.#loading ??= (async () => {
      try {
        const since = new Date(this.clock.now().getTime() - this.accessTtlSeconds * 1000);
        const { rows } = await this.db.query<{ family_id: string }>('SELECT DISTINCT family_id FROM refresh_tokens WHERE revoked_at > $1', [since]);
        this.#revoked = new Set(rows.map((r) => r.family_id));
        this.#loadedAt = performance.now();
      } finally {
        this.#loading = undefined;
      }
    })();
    return this.#loading;
  }
}
