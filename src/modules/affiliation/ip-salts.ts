import { createHash, randomBytes } from 'node:crypto';
import type { SqlDatabase } from '../../platform/ports/sql.ts';

/** The UTC day of an instant, `YYYY-MM-DD`. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * The daily salts of client address hashes. Each UTC day has one random salt, shared by every
 * process through SQL (first writer wins) and kept in memory, so that hashing a redirect's
 * address never waits on the database; today's and tomorrow's are loaded ahead. Salts of past
 * days are deleted by a chore: a hash can then no longer be tied to an address by anyone.
 */
export class IpSalts {
  readonly #salts = new Map<string, string>();

  constructor(private readonly db: SqlDatabase) {}

  /** Makes sure the salts of `now`'s day and the next are in SQL and in memory. */
  async load(now: Date): Promise<void> {
    const days = [utcDay(now), utcDay(new Date(now.getTime() + 86_400_000))];
    for (const day of days) {
      if (this.#salts.has(day)) continue;
      await this.db.query('INSERT INTO affiliation_ip_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING', [day, randomBytes(16).toString('base64')]);
      const { rows } = await this.db.query<{ salt: string }>('SELECT salt FROM affiliation_ip_salts WHERE day = $1', [day]);
      if (rows[0]) this.#salts.set(day, rows[0].salt);
    }
    for (const day of this.#salts.keys()) if (day < days[0]!) this.#salts.delete(day);
  }

  /** The hash of `address` on `day`, or undefined when that day's salt is not loaded yet. */
  hash(address: string, day: string): string | undefined {
    const salt = this.#salts.get(day);
    return salt === undefined ? undefined : createHash('sha256').update(salt).update(address).digest('base64url').slice(0, 22);
  }

  /** Deletes the salts of days before `now`'s; returns how many. */
  async forgetPast(now: Date): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM affiliation_ip_salts WHERE day < $1', [utcDay(now)]);
    return rowCount;
  }
}
