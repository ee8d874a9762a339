import type { VerificationStatus } from '../../platform/auth/principal.ts';

/** What gates a pro's pro-only features: the organisation's verification and the user's email proof. */
export type ProStanding = { verification: VerificationStatus; emailVerified: boolean };

/** How long a standing read from storage answers without a new read (ms): the bound on a change made by another process. */
export const PRO_STANDING_TTL_MS = 2000;
const MAX_ENTRIES = 10_000;

/**
 * The route kit asks for a pro's standing on every request (an agent's flash job makes two dozen).
 * Answers come from memory for up to {@link PRO_STANDING_TTL_MS} after a read from storage; a
 * verification decision or an email proof made in this process forgets them all at once
 * ({@link forget}), so here a revocation counts from the next request, and in another process
 * sharing the database within 2 s. Bounded to {@link MAX_ENTRIES} (the oldest go first).
 */
export class ProStandings {
  readonly #entries = new Map<string, { standing: ProStanding | undefined; readAt: number }>();
  /** Bumped by {@link forget}: a read begun before a change must not be remembered after it. */
  #generation = 0;

  constructor(
    private readonly read: (userId: string, orgId: string) => Promise<ProStanding | undefined>,
    private readonly now: () => number = () => performance.now(),
    private readonly ttlMs = PRO_STANDING_TTL_MS,
  ) {}

  async of(userId: string, orgId: string): Promise<ProStanding | undefined> {
    const key = `${userId}:${orgId}`;
    const hit = this.#entries.get(key);
    if (hit && this.now() - hit.readAt < this.ttlMs) return hit.standing;
    const generation = this.#generation;
    const readAt = this.now();
    const standing = await this.read(userId, orgId);
    if (generation === this.#generation) {
      this.#entries.delete(key);
      this.#entries.set(key, { standing, readAt });
      if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    }
    return standing;
  }

  /** A verification or an email proof changed in this process: every standing is read again. */
  forget(): void {
    this.#generation++;
    this.#entries.clear();
  }
}
