import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import { notFound, unprocessable } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { isUniqueViolation, type SqlDatabase } from '../../platform/ports/sql.ts';
import { checkDestination } from './destination-url.ts';
import type { LinkCache } from './link-cache.ts';
import type { PartnerService } from './partner-service.ts';
import type { Link } from './schemas.ts';
import { newLinkCode } from './short-code.ts';

interface LinkRow {
  id: string;
  code: string;
  partner_id: string;
  url: string;
  campaign: string | null;
  category: string | null;
  org_id: string | null;
  disabled: boolean;
  created_at: Date;
}

const REFUSALS = {
  URL_INVALID: 'The url is not a valid absolute URL.',
  URL_SCHEME: 'The url must be http or https.',
  URL_CREDENTIALS: 'The url must not contain a user name or password.',
  URL_HOST_NOT_ALLOWED: "The url's host is not one of the partner's domains.",
} as const;

/** Tracked links: made by admins or verified pros (a pro's links belong to its organisation). */
export class LinkService {
  constructor(private readonly deps: { db: SqlDatabase; clock: Clock; partners: PartnerService; cache: LinkCache; publicUrl: string }) {}

  view(r: LinkRow): Link {
    return {
      id: r.id,
      code: r.code,
      shortUrl: `${this.deps.publicUrl}/r/${r.code}`,
      partnerId: r.partner_id,
      url: r.url,
      campaign: r.campaign,
      category: r.category,
      orgId: r.org_id,
      disabled: r.disabled,
      createdAt: r.created_at.toISOString(),
    };
  }

  /** Creates a link to one of the partner's hosts (422 otherwise: never an open redirect), under a fresh unique code. */
  async create(p: Principal, input: { partnerId: string; url: string; campaign?: string | undefined; category?: string | undefined }): Promise<Link> {
    const partner = await this.deps.partners.get(input.partnerId).catch(() => {
      throw unprocessable('PARTNER_NOT_FOUND', 'No such partner.');
    });
    const checked = checkDestination(input.url, partner.domains);
    if (!checked.ok) throw unprocessable(checked.reason, REFUSALS[checked.reason], { domains: partner.domains });
    const now = this.deps.clock.now();
    for (let attempt = 0; ; attempt++) {
      const code = newLinkCode();
      try {
        const { rows } = await this.deps.db.query<LinkRow>(
          `INSERT INTO affiliation_links (id, code, partner_id, url, campaign, category, created_by, org_id, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING *`,
          [newId(), code, partner.id, checked.url.href, input.campaign ?? null, input.category ?? null, p.userId, p.role === 'pro' ? (p.orgId ?? null) : null, now],
        );
        const row = rows[0]!;
        this.deps.cache.set({ id: row.id, code, partnerId: partner.id, orgId: row.org_id, url: row.url, campaign: row.campaign ?? code, clickIdParam: partner.clickIdParam, disabled: false });
        return this.view(row);
      } catch (err) {
        // 62^9 codes: a collision is already unlikely; three in a row would mean a broken random source.
        if (isUniqueViolation(err, 'affiliation_links_code') && attempt < 3) continue;
        throw err;
      }
    }
  }

  /** The caller's links (a pro: its organisation's; an admin: all), newest first. */
  async list(p: Principal): Promise<Link[]> {
    const { rows } =
      p.role === 'admin'
        ? await this.deps.db.query<LinkRow>('SELECT * FROM affiliation_links ORDER BY created_at DESC, id DESC LIMIT 500')
        : await this.deps.db.query<LinkRow>('SELECT * FROM affiliation_links WHERE org_id = $1 ORDER BY created_at DESC, id DESC LIMIT 500', [p.orgId ?? null]);
    return rows.map((r) => this.view(r));
  }

  /** Turns a link off (its code then answers 404) or on again; another tenant's link is 404. */
  async setDisabled(p: Principal, code: string, disabled: boolean): Promise<Link> {
    const { rows } = await this.deps.db.query<LinkRow & { click_id_param: string }>(
      `UPDATE affiliation_links l SET disabled = $2, updated_at = $3 FROM affiliation_partners p
       WHERE l.code = $1 AND p.id = l.partner_id AND ($4::uuid IS NULL OR l.org_id = $4) RETURNING l.*, p.click_id_param`,
      [code, disabled, this.deps.clock.now(), p.role === 'admin' ? null : (p.orgId ?? '00000000-0000-0000-0000-000000000000')],
    );
    const row = rows[0];
    if (!row) throw notFound('LINK_NOT_FOUND', 'No such link.');
    this.deps.cache.set({ id: row.id, code: row.code, partnerId: row.partner_id, orgId: row.org_id, url: row.url, campaign: row.campaign ?? row.code, clickIdParam: row.click_id_param, disabled });
    return this.view(row);
  }
}
