import type { SqlExecutor } from '../../../platform/ports/sql.ts';
import type { AvailabilityProfile } from '../availability/profile.ts';
import { candidateRevisions, loadCandidates, type CandidateArea, type CandidateRow } from '../store/slot-candidates.ts';
import { availabilityOf } from '../store/profile-store.ts';

const DAY = 86_400_000;
/** How far ahead bookings are read when a professional is (re)loaded: the longest search (60 days) and its margins. */
const PREFETCH_DAYS = 63;
/** Beyond this many professionals the cache starts again. */
const MAX_ENTRIES = 20_000;

/** A professional as slot search reads it, with its parsed availability profile and the window its bookings cover. */
export interface Candidate {
  row: CandidateRow;
  profile: AvailabilityProfile;
  from: number;
  to: number;
}

/**
 * What slot search reads of nearby professionals, kept between searches in this process. Each
 * search asks the database only for the revisions of the professionals in the area (bumped in
 * the transaction of every change of a profile, a booking or a learned duration, by any process
 * sharing the database) and reloads, in one query, those whose revision moved or whose cached
 * bookings do not cover the window. Holds lapse by themselves: their expiry is kept and judged
 * at search time.
 */
export class CandidateCache {
  readonly #entries = new Map<string, Candidate>();

  /** The professionals of `area` offering `service`, their bookings covering `[from, to)`. */
  async near(db: SqlExecutor, area: CandidateArea, service: string, from: number, to: number): Promise<Candidate[]> {
    const seen = await candidateRevisions(db, area);
    const stale = seen.filter((s) => {
      const hit = this.#entries.get(s.org_id);
      return !hit || hit.row.revision !== s.revision || hit.from > from || hit.to < to;
    });
    if (stale.length > 0) {
      const window = { from, to: Math.max(to, from + PREFETCH_DAYS * DAY) };
      const rows = await loadCandidates(db, stale.map((s) => s.org_id), new Date(window.from), new Date(window.to));
      if (this.#entries.size + rows.length > MAX_ENTRIES) this.#entries.clear();
      for (const row of rows) this.#entries.set(row.org_id, { row, profile: availabilityOf(row), ...window });
    }
    return seen.map((s) => this.#entries.get(s.org_id)).filter((c): c is Candidate => c?.row.services.some((x) => x.code === service) === true);
  }
}
