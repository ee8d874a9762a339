import type { Clock } from '../../platform/clock.ts';
import { unprocessable } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { TypedPublisher } from '../../platform/module/events.ts';
import type { SqlDatabase, SqlExecutor } from '../../platform/ports/sql.ts';
import { attribute, postbackChanges, type ClickFact } from './attribution.ts';
import type { ClickRecorder } from './click-recorder.ts';
import { commissionCents, ruleFor } from './commission.ts';
import type { affiliationEvents } from './events.ts';
import type { PartnerRecord } from './partner-service.ts';
import type { Conversion, ConversionStatus, PostbackInput } from './schemas.ts';

interface ConversionRow {
  id: string;
  order_id: string;
  click_id: string | null;
  link_id: string | null;
  org_id: string | null;
  amount_cents: number;
  currency: string;
  category: string | null;
  status: ConversionStatus;
  commission_cents: number;
  unattributed_reason: string | null;
}

const view = (r: ConversionRow, changed: boolean): Conversion => ({
  id: r.id,
  orderId: r.order_id,
  status: r.status,
  amount: r.amount_cents,
  currency: r.currency.trim(),
  commission: r.commission_cents,
  attributed: r.link_id !== null,
  unattributedReason: r.unattributed_reason,
  linkId: r.link_id,
  changed,
});

/**
 * Conversions from partners' postbacks, idempotent on (partner, order id) by the table's unique
 * key: two copies of one postback racing each other make one row, and the loser sees it
 * unchanged. Attribution is decided once, by the first postback of an order.
 */
export class ConversionService {
  constructor(private readonly deps: { db: SqlDatabase; clock: Clock; recorder: Pick<ClickRecorder, 'flush'>; events: TypedPublisher<typeof affiliationEvents> }) {}

  /** Records a verified postback of `partner`; `changed` says whether it changed anything. */
  async record(partner: PartnerRecord, input: PostbackInput): Promise<Conversion> {
    if (input.currency !== partner.currency) {
      throw unprocessable('CURRENCY_MISMATCH', `This partner's conversions are in ${partner.currency}, not ${input.currency}.`);
    }
    const now = this.deps.clock.now();
    const click = input.clickId !== undefined ? await this.#click(input.clickId) : undefined;
    const attribution = attribute({ clickIdGiven: input.clickId !== undefined, click: click?.fact, partnerId: partner.id, windowDays: partner.attributionWindowDays, at: now });
    const category = input.category ?? click?.category ?? null;
    const commission = input.status === 'reversed' ? 0 : commissionCents(ruleFor(partner.rules, category), input.amount);

    return this.deps.db.transaction(async (tx) => {
      const inserted = await tx.query<ConversionRow>(
        `INSERT INTO affiliation_conversions (id, partner_id, order_id, click_id, link_id, org_id, amount_cents, currency, category, status, commission_cents, unattributed_reason, received_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
         ON CONFLICT (partner_id, order_id) DO NOTHING RETURNING *`,
        [
          newId(),
          partner.id,
          input.orderId,
          click ? input.clickId : null,
          attribution.attributed ? attribution.linkId : null,
          attribution.attributed ? attribution.orgId : null,
          input.amount,
          input.currency,
          category,
          input.status,
          commission,
          attribution.attributed ? null : attribution.reason,
          now,
        ],
      );
      if (inserted.rows[0]) return this.#published(tx, partner, inserted.rows[0]);

      const { rows } = await tx.query<ConversionRow>('SELECT * FROM affiliation_conversions WHERE partner_id = $1 AND order_id = $2 FOR UPDATE', [partner.id, input.orderId]);
      const stored = rows[0]!;
      if (!postbackChanges({ status: stored.status, amount: Number(stored.amount_cents), category: stored.category }, { status: input.status, amount: input.amount, category })) return view(stored, false);
      const updated = await tx.query<ConversionRow>(
        `UPDATE affiliation_conversions SET status = $2, amount_cents = $3, category = $4, commission_cents = $5, updated_at = $6 WHERE id = $1 RETURNING *`,
        [stored.id, input.status, input.amount, category, commission, now],
      );
      return this.#published(tx, partner, updated.rows[0]!);
    });
  }

  async #published(tx: SqlExecutor, partner: PartnerRecord, r: ConversionRow): Promise<Conversion> {
    const c = view(r, true);
    await this.deps.events.publish(
      'affiliation.conversion-recorded',
      { conversionId: c.id, partnerId: partner.id, orderId: c.orderId, status: c.status, amount: c.amount, currency: c.currency, commission: c.commission, linkId: c.linkId, orgId: r.org_id, unattributedReason: c.unattributedReason },
      { subject: c.id, tx },
    );
    return c;
  }

  /** The click of a click id, from SQL, after writing this process's buffered clicks (a click a moment old is still in memory). */
  async #click(clickId: string): Promise<{ fact: ClickFact; category: string | null } | undefined> {
    if (!isUuid(clickId)) return undefined;
    const find = () =>
      this.deps.db.query<{ partner_id: string; link_id: string; org_id: string | null; at: Date; bot_reason: string | null; category: string | null }>(
        `SELECT c.partner_id, c.link_id, c.org_id, c.at, c.bot_reason, l.category FROM affiliation_clicks c JOIN affiliation_links l ON l.id = c.link_id WHERE c.id = $1`,
        [clickId],
      );
    let { rows } = await find();
    if (!rows[0]) {
      await this.deps.recorder.flush();
      ({ rows } = await find());
    }
    const r = rows[0];
    return r ? { fact: { partnerId: r.partner_id, linkId: r.link_id, orgId: r.org_id, at: r.at, bot: r.bot_reason }, category: r.category } : undefined;
  }
}
