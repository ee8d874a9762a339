import type { z } from '@hono/zod-openapi';
import type { Clock } from '../../platform/clock.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import { percentToBasisPoints, type CommissionRule, type CommissionRules } from './commission.ts';
import { getPostbackToken } from './postback-signature.ts';
import type { CommissionRuleSchema, NewPartnerSchema, OfferSchema, PartnerSchema, PostbackMapping } from './schemas.ts';
import { newPostbackSecret, type SecretBox } from './secret-box.ts';

type RuleInput = z.infer<typeof CommissionRuleSchema>;
type Partner = z.infer<typeof PartnerSchema>;
type Offer = z.infer<typeof OfferSchema>;

/** A partner as the postback and link services use it. */
export interface PartnerRecord {
  id: string;
  name: string;
  domains: string[];
  currency: string;
  rules: CommissionRules;
  attributionWindowDays: number;
  clickIdParam: string;
  mapping: PostbackMapping | null;
  sealed: string;
  previousSealed: string | null;
  previousValidUntil: Date | null;
  createdAt: Date;
}

interface PartnerRow {
  id: string;
  name: string;
  domains: string[];
  currency: string;
  commission: CommissionRules;
  attribution_window_days: number;
  click_id_param: string;
  postback_mapping: PostbackMapping | null;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_valid_until: Date | null;
  created_at: Date;
}

function toRule(r: RuleInput): CommissionRule {
  if (r.type === 'fixed') return { type: 'fixed', cents: r.value };
  const basisPoints = percentToBasisPoints(r.value);
  if (basisPoints === undefined) throw badRequest('COMMISSION_INVALID', 'A percent commission has at most two decimals, between 0 and 100.');
  return { type: 'percent', basisPoints };
}

const ruleOut = (r: CommissionRule): RuleInput => (r.type === 'fixed' ? { type: 'fixed', value: r.cents } : { type: 'percent', value: r.basisPoints / 100 });

const toRecord = (r: PartnerRow): PartnerRecord => ({
  id: r.id,
  name: r.name,
  domains: r.domains,
  currency: r.currency.trim(),
  rules: r.commission,
  attributionWindowDays: r.attribution_window_days,
  clickIdParam: r.click_id_param,
  mapping: r.postback_mapping,
  sealed: r.secret_sealed,
  previousSealed: r.previous_secret_sealed,
  previousValidUntil: r.previous_secret_valid_until,
  createdAt: r.created_at,
});

/** Affiliate partners (admin): their rules, their postback secret (sealed), their GET postback mapping. */
export class PartnerService {
  constructor(private readonly deps: { db: SqlDatabase; clock: Clock; box: SecretBox; graceMs: number; publicUrl: string }) {}

  /** What a link maker sees of a partner: its domains and what it pays. */
  offer(p: PartnerRecord): Offer {
    return {
      id: p.id,
      name: p.name,
      domains: p.domains,
      currency: p.currency,
      commission: { ...ruleOut(p.rules.default), byCategory: Object.fromEntries(Object.entries(p.rules.byCategory).map(([k, v]) => [k, ruleOut(v)])) },
      attributionWindowDays: p.attributionWindowDays,
    };
  }

  /** The API view of a partner (no secret). */
  view(p: PartnerRecord): Partner {
    return {
      ...this.offer(p),
      clickIdParam: p.clickIdParam,
      postbackMapping: p.mapping,
      previousSecretValidUntil: p.previousValidUntil && p.previousValidUntil > this.deps.clock.now() ? p.previousValidUntil.toISOString() : null,
      createdAt: p.createdAt.toISOString(),
    };
  }

  /** Creates a partner with a new postback secret, returned once (only its sealed form is kept). */
  async create(input: z.infer<typeof NewPartnerSchema>): Promise<{ partner: PartnerRecord; secret: string }> {
    const { byCategory = {}, ...rule } = input.commission;
    const rules: CommissionRules = { default: toRule(rule), byCategory: Object.fromEntries(Object.entries(byCategory).map(([k, v]) => [k, toRule(v)])) };
    const id = newId();
    const secret = newPostbackSecret();
    const now = this.deps.clock.now();
    const { rows } = await this.deps.db.query<PartnerRow>(
      `INSERT INTO affiliation_partners (id, name, domains, currency, commission, attribution_window_days, click_id_param, secret_sealed, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $9) RETURNING *`,
      [id, input.name, [...new Set(input.domains)], input.currency, JSON.stringify(rules), input.attributionWindowDays, input.clickIdParam, await this.deps.box.seal(secret, id), now],
    );
    return { partner: toRecord(rows[0]!), secret };
  }

  async list(): Promise<PartnerRecord[]> {
    const { rows } = await this.deps.db.query<PartnerRow>('SELECT * FROM affiliation_partners ORDER BY created_at, id');
    return rows.map(toRecord);
  }

  /** One partner; 404 PARTNER_NOT_FOUND. */
  async get(id: string): Promise<PartnerRecord> {
    const found = isUuid(id) ? (await this.deps.db.query<PartnerRow>('SELECT * FROM affiliation_partners WHERE id = $1', [id])).rows[0] : undefined;
    if (!found) throw notFound('PARTNER_NOT_FOUND', 'No such partner.');
    return toRecord(found);
  }

  /** A new postback secret; the previous one stays valid for the grace period (partners switch without losing postbacks). */
  async rotateSecret(id: string): Promise<{ partner: PartnerRecord; secret: string }> {
    const current = await this.get(id);
    const secret = newPostbackSecret();
    const now = this.deps.clock.now();
    const { rows } = await this.deps.db.query<PartnerRow>(
      `UPDATE affiliation_partners SET secret_sealed = $2, previous_secret_sealed = secret_sealed, previous_secret_valid_until = $3, updated_at = $4
       WHERE id = $1 AND secret_sealed = $5 RETURNING *`,
      [id, await this.deps.box.seal(secret, id), new Date(now.getTime() + this.deps.graceMs), now, current.sealed],
    );
    if (!rows[0]) return this.rotateSecret(id); // a concurrent rotation won: rotate from its secret
    return { partner: toRecord(rows[0]), secret };
  }

  /** Sets the parameter names of the partner's GET postbacks. */
  async setMapping(id: string, mapping: PostbackMapping): Promise<PartnerRecord> {
    await this.get(id);
    const { rows } = await this.deps.db.query<PartnerRow>('UPDATE affiliation_partners SET postback_mapping = $2::jsonb, updated_at = $3 WHERE id = $1 RETURNING *', [
      id,
      JSON.stringify(mapping),
      this.deps.clock.now(),
    ]);
    return toRecord(rows[0]!);
  }

  /** The secrets a postback of this partner may be signed with now: the current one, and the previous one during its grace period. */
  async validSecrets(p: PartnerRecord): Promise<string[]> {
    const secrets = [await this.deps.box.open(p.sealed, p.id)];
    if (p.previousSealed && p.previousValidUntil && p.previousValidUntil > this.deps.clock.now()) secrets.push(await this.deps.box.open(p.previousSealed, p.id));
    return secrets;
  }

  /** The GET postback URL (with the token derived from `secret`), to hand to the network. */
  getPostbackUrl(partnerId: string, secret: string): string {
    return `${this.deps.publicUrl}/v1/affiliate/postbacks/${partnerId}?token=${getPostbackToken(secret)}`;
  }
}
