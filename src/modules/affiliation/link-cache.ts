import type { SqlDatabase } from '../../platform/ports/sql.ts';

/** What the redirect needs of a link, held in memory. */
export interface CachedLink {
  id: string;
  code: string;
  partnerId: string;
  orgId: string | null;
  url: string;
  campaign: string;
  clickIdParam: string;
  disabled: boolean;
}

interface LinkRow {
  id: string;
  code: string;
  partner_id: string;
  org_id: string | null;
  url: string;
  campaign: string | null;
  click_id_param: string;
  disabled: boolean;
  updated_at: Date;
}

const SELECT = `SELECT l.id, l.code, l.partner_id, l.org_id, l.url, l.campaign, p.click_id_param, l.disabled, l.updated_at
  FROM affiliation_links l JOIN affiliation_partners p ON p.id = l.partner_id`;

// Reloads look a little into the past, so that a row committed with an earlier updated_at after
// the last reload (a slow concurrent transaction in another process) is still picked up.
const OVERLAP_MS = 5_000;

/**
 * Every link, in memory, for the redirect: loaded once, then refreshed with the rows changed
 * since the last load (edits made by other processes appear within the refresh interval; this
 * process's own edits are put in at once). A code not in memory is looked up in SQL once and
 * remembered as unknown until the next refresh, so a flood of made-up codes costs no queries.
 */
export class LinkCache {
  readonly #links = new Map<string, CachedLink>();
  readonly #unknown = new Set<string>();
  #since: Date | undefined;

  constructor(private readonly db: SqlDatabase) {}

  /** The link of `code` from memory (undefined: not cached, ask `lookup`). */
  get(code: string): CachedLink | undefined {
    return this.#links.get(code);
  }

  /** True when `code` was looked up and not found since the last refresh. */
  knownUnknown(code: string): boolean {
    return this.#unknown.has(code);
  }

  /** Looks a code up in SQL (a miss in memory: another process's new link). */
  async lookup(code: string): Promise<CachedLink | undefined> {
    const { rows } = await this.db.query<LinkRow>(`${SELECT} WHERE l.code = $1`, [code]);
    if (!rows[0]) {
      if (this.#unknown.size < 100_000) this.#unknown.add(code);
      return undefined;
    }
    return this.#put(rows[0]);
  }

  /** Loads the links changed since the last refresh (all of them the first time). */
  async refresh(): Promise<void> {
    const since = this.#since;
    const { rows } = since
      ? await this.db.query<LinkRow>(`${SELECT} WHERE l.updated_at > $1 OR p.updated_at > $1`, [new Date(since.getTime() - OVERLAP_MS)])
      : await this.db.query<LinkRow>(SELECT);
    let latest = since;
    for (const row of rows) {
      this.#put(row);
      if (!latest || row.updated_at > latest) latest = row.updated_at;
    }
    this.#since = latest ?? new Date(0);
    this.#unknown.clear();
  }

  /** Puts a link this process just created or changed. */
  set(link: CachedLink): void {
    this.#links.set(link.code, link);
    this.#unknown.delete(link.code);
  }

  #put(r: LinkRow): CachedLink {
    const link: CachedLink = {
      id: r.id,
      code: r.code,
      partnerId: r.partner_id,
      orgId: r.org_id,
      url: r.url,
      campaign: r.campaign ?? r.code,
      clickIdParam: r.click_id_param,
      disabled: r.disabled,
    };
    this.#links.set(link.code, link);
    return link;
  }
}
