import type { Principal } from '../../platform/auth/principal.ts';
import { unprocessable } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { newestFirstPage, type Page, type TimePosition } from '../../platform/pagination/newest-first.ts';
import { PAGE_LIMITS } from '../../platform/pagination/limits.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import { formatDecimalCents } from './commission.ts';
import { csvDocument } from './csv-writer.ts';
import { checkedDays } from './report-service.ts';
import type { ConversionStatus } from './schemas.ts';

/** One line of a commission statement: a conversion with its partner and link. */
export interface StatementEntry {
  id: string;
  partnerId: string;
  partnerName: string;
  orderId: string;
  status: ConversionStatus;
  amount: number;
  currency: string;
  commission: number;
  attributed: boolean;
  unattributedReason: string | null;
  linkId: string | null;
  linkCode: string | null;
  campaign: string | null;
  orgId: string | null;
  receivedAt: Date;
  updatedAt: Date;
}

interface EntryRow {
  id: string;
  partner_id: string;
  partner_name: string;
  order_id: string;
  status: ConversionStatus;
  amount_cents: number | string;
  currency: string;
  commission_cents: number | string;
  unattributed_reason: string | null;
  link_id: string | null;
  link_code: string | null;
  campaign: string | null;
  org_id: string | null;
  received_at: Date;
  updated_at: Date;
}

/** The most lines one CSV download holds; a longer range is refused (422 EXPORT_TOO_LARGE) rather than cut. */
export const MAX_EXPORT_ROWS = 100_000;

const NO_ORG = '00000000-0000-0000-0000-000000000000';

const toEntry = (r: EntryRow): StatementEntry => ({
  id: r.id,
  partnerId: r.partner_id,
  partnerName: r.partner_name,
  orderId: r.order_id,
  status: r.status,
  amount: Number(r.amount_cents),
  currency: r.currency.trim(),
  commission: Number(r.commission_cents),
  attributed: r.link_id !== null,
  unattributedReason: r.unattributed_reason,
  linkId: r.link_id,
  linkCode: r.link_code,
  campaign: r.campaign,
  orgId: r.org_id,
  receivedAt: r.received_at,
  updatedAt: r.updated_at,
});

/**
 * Commission statements: the conversions received in a range of UTC days, newest first, with
 * their commission; a pro sees only those attributed to its organisation's links, an admin all.
 */
export class StatementService {
  constructor(private readonly deps: { db: SqlDatabase }) {}

  async page(p: Principal, q: { from: string; to: string; limit?: number; cursor?: string }): Promise<Page<StatementEntry>> {
    const range = this.#range(q.from, q.to);
    return newestFirstPage(
      q,
      { ...PAGE_LIMITS, isValidId: isUuid },
      (after, n) => this.#rows(p, range, after, n),
      (e) => ({ at: e.receivedAt, id: e.id }),
    );
  }

  /** The whole range as CSV (amounts in currency units, `12.34`), for a spreadsheet or an accountant. */
  async csv(p: Principal, q: { from: string; to: string }): Promise<string> {
    const entries = await this.#rows(p, this.#range(q.from, q.to), undefined, MAX_EXPORT_ROWS + 1);
    if (entries.length > MAX_EXPORT_ROWS) throw unprocessable('EXPORT_TOO_LARGE', `At most ${MAX_EXPORT_ROWS} conversions per download: choose a shorter range.`);
    const header = ['receivedAt', 'partner', 'orderId', 'status', 'amount', 'currency', 'commission', 'link', 'campaign', 'professional', 'unattributedReason', 'updatedAt'];
    return csvDocument([
      header,
      ...entries.map((e) => [
        e.receivedAt.toISOString(),
        e.partnerName,
        e.orderId,
        e.status,
        formatDecimalCents(e.amount),
        e.currency,
        formatDecimalCents(e.commission),
        e.linkCode,
        e.campaign,
        e.orgId,
        e.unattributedReason,
        e.updatedAt.toISOString(),
      ]),
    ]);
  }

  #range(from: string, to: string): { start: Date; end: Date } {
    const days = checkedDays(from, to);
    return { start: new Date(`${days[0]}T00:00:00Z`), end: new Date(Date.parse(`${days.at(-1)}T00:00:00Z`) + 86_400_000) };
  }

  async #rows(p: Principal, range: { start: Date; end: Date }, after: TimePosition | undefined, limit: number): Promise<StatementEntry[]> {
    const { rows } = await this.deps.db.query<EntryRow>(
      `SELECT v.id, v.partner_id, p.name AS partner_name, v.order_id, v.status, v.amount_cents, v.currency, v.commission_cents, v.unattributed_reason,
              v.link_id, l.code AS link_code, l.campaign, v.org_id, v.received_at, v.updated_at
       FROM affiliation_conversions v JOIN affiliation_partners p ON p.id = v.partner_id LEFT JOIN affiliation_links l ON l.id = v.link_id
       WHERE v.received_at >= $1 AND v.received_at < $2 AND ($3::uuid IS NULL OR v.org_id = $3)
         AND ($4::timestamptz IS NULL OR (v.received_at, v.id) < ($4::timestamptz, $5::uuid))
       ORDER BY v.received_at DESC, v.id DESC LIMIT $6`,
      [range.start, range.end, p.role === 'admin' ? null : (p.orgId ?? NO_ORG), after?.at ?? null, after?.id ?? null, limit],
    );
    return rows.map(toEntry);
  }
}
