import type { Principal } from '../../platform/auth/principal.ts';
import { badRequest } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import type { ClickRecorder } from './click-recorder.ts';
import type { ReportRow } from './schemas.ts';

export type GroupBy = 'day' | 'partner' | 'link' | 'professional';

const CLICK_KEY: Record<GroupBy, string> = {
  day: 'c.day::text',
  partner: 'c.partner_id::text',
  link: 'c.link_id::text',
  professional: "coalesce(c.org_id::text, 'none')",
};
const CONVERSION_KEY: Record<GroupBy, string> = {
  day: "(v.received_at AT TIME ZONE 'UTC')::date::text",
  partner: 'v.partner_id::text',
  link: "coalesce(v.link_id::text, 'unattributed')",
  professional: "coalesce(v.org_id::text, 'unattributed')",
};

const MAX_DAYS = 366;
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A report row from its counts: rates derived here, once (clicks exclude bots). */
export function reportRow(key: string, label: string | null, currency: string, n: { clicks: number; uniqueClicks: number; botClicks: number; botReasons: Record<string, number>; conversions: number; revenue: number; commission: number }): ReportRow {
  return {
    key,
    label,
    currency,
    ...n,
    conversionRate: n.clicks > 0 ? round(n.conversions / n.clicks, 4) : 0,
    epc: n.clicks > 0 ? round(n.commission / n.clicks, 2) : 0,
  };
}

/** The days from `from` to `to` inclusive, `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The days of a `from`–`to` range (inclusive), checked: 400 RANGE_INVALID when reversed, RANGE_TOO_LONG past a year. */
export function checkedDays(from: string, to: string): string[] {
  const days = daysBetween(from, to);
  if (days.length === 0) throw badRequest('RANGE_INVALID', '`from` must not be after `to`.');
  if (days.length > MAX_DAYS) throw badRequest('RANGE_TOO_LONG', `A report covers at most ${MAX_DAYS} days.`);
  return days;
}

/** Clicks and conversions by day, partner, link or professional; a pro sees only its organisation's links. */
export class ReportService {
  constructor(private readonly deps: { db: SqlDatabase; recorder: Pick<ClickRecorder, 'flush'>; organisationName: (orgId: string) => Promise<string | undefined> }) {}

  async report(p: Principal, q: { from: string; to: string; groupBy: GroupBy; currency: string }): Promise<ReportRow[]> {
    const days = checkedDays(q.from, q.to);
    await this.deps.recorder.flush(); // this process's latest clicks, so the report matches what was served
    const org = p.role === 'admin' ? null : (p.orgId ?? '00000000-0000-0000-0000-000000000000');
    const end = new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000);

    const clicks = await this.deps.db.query<{ key: string; reason: string | null; n: number; uniq: number }>(
      `SELECT ${CLICK_KEY[q.groupBy]} AS key, c.bot_reason AS reason, count(*)::int AS n,
              count(DISTINCT c.day::text || c.link_id::text || c.ip_hash)::int AS uniq
       FROM affiliation_clicks c WHERE c.day >= $1::date AND c.day <= $2::date AND ($3::uuid IS NULL OR c.org_id = $3)
       GROUP BY 1, 2`,
      [q.from, q.to, org],
    );
    const conversions = await this.deps.db.query<{ key: string; n: number; revenue: number; commission: number }>(
      `SELECT ${CONVERSION_KEY[q.groupBy]} AS key, count(*)::int AS n,
              coalesce(sum(v.amount_cents), 0)::bigint AS revenue, coalesce(sum(v.commission_cents), 0)::bigint AS commission
       FROM affiliation_conversions v
       WHERE v.status <> 'reversed' AND v.currency = $4 AND v.received_at >= $1 AND v.received_at < $2 AND ($3::uuid IS NULL OR v.org_id = $3)
       GROUP BY 1`,
      [new Date(`${q.from}T00:00:00Z`), end, org, q.currency],
    );

    const rows = new Map<string, Parameters<typeof reportRow>[3]>();
    const row = (key: string) => {
      const found = rows.get(key);
      if (found) return found;
      const r: Parameters<typeof reportRow>[3] = { clicks: 0, uniqueClicks: 0, botClicks: 0, botReasons: {}, conversions: 0, revenue: 0, commission: 0 };
      rows.set(key, r);
      return r;
    };
    if (q.groupBy === 'day') for (const d of days) row(d);
    for (const c of clicks.rows) {
      const r = row(c.key);
      if (c.reason === null) {
        r.clicks += c.n;
        r.uniqueClicks += c.uniq;
      } else {
        r.botClicks += c.n;
        r.botReasons[c.reason] = (r.botReasons[c.reason] ?? 0) + c.n;
      }
    }
    for (const v of conversions.rows) Object.assign(row(v.key), { conversions: v.n, revenue: Number(v.revenue), commission: Number(v.commission) });
    const labels = await this.#labels(q.groupBy, [...rows.keys()]);
    return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, n]) => reportRow(key, labels.get(key) ?? null, q.currency, n));
  }

  /** The keys of a report in words: partner names, link codes (with their campaign), company names. */
  async #labels(groupBy: GroupBy, keys: string[]): Promise<Map<string, string>> {
    const ids = keys.filter(isUuid);
    if (groupBy === 'day' || ids.length === 0) return new Map();
    if (groupBy === 'professional') {
      const names = await Promise.all(ids.map(async (id) => [id, await this.deps.organisationName(id)] as const));
      return new Map(names.filter((e): e is readonly [string, string] => e[1] !== undefined));
    }
    const sql =
      groupBy === 'partner'
        ? 'SELECT id::text, name AS label FROM affiliation_partners WHERE id = ANY($1::uuid[])'
        : "SELECT id::text, code || coalesce(' · ' || campaign, '') AS label FROM affiliation_links WHERE id = ANY($1::uuid[])";
    const { rows } = await this.deps.db.query<{ id: string; label: string }>(sql, [ids]);
    return new Map(rows.map((r) => [r.id, r.label]));
  }
}
