import type { ConversionStatus } from './schemas.ts';

/** A recorded click, as attribution reads it. */
export interface ClickFact {
  partnerId: string;
  linkId: string;
  orgId: string | null;
  at: Date;
  bot: string | null;
}

/** Why a conversion is credited to no link: every transaction is attributed or explained. */
export type UnattributedReason = 'NO_CLICK_ID' | 'CLICK_UNKNOWN' | 'CLICK_OTHER_PARTNER' | 'CLICK_FROM_BOT' | 'OUTSIDE_WINDOW';

export type Attribution = { attributed: true; linkId: string; orgId: string | null } | { attributed: false; reason: UnattributedReason };

/**
 * Credits a conversion to the link of its click when the click is known, is this partner's, was
 * a person's (bots, prefetches and HEAD requests are never attributed) and happened within the
 * partner's attribution window before the conversion (a click "after" it, from a skewed clock,
 * is outside too).
 */
export function attribute(input: { clickIdGiven: boolean; click: ClickFact | undefined; partnerId: string; windowDays: number; at: Date }): Attribution {
  if (!input.clickIdGiven) return { attributed: false, reason: 'NO_CLICK_ID' };
  const { click } = input;
  if (!click) return { attributed: false, reason: 'CLICK_UNKNOWN' };
  if (click.partnerId !== input.partnerId) return { attributed: false, reason: 'CLICK_OTHER_PARTNER' };
  if (click.bot !== null) return { attributed: false, reason: 'CLICK_FROM_BOT' };
  const age = input.at.getTime() - click.at.getTime();
  if (age < 0 || age > input.windowDays * 86_400_000) return { attributed: false, reason: 'OUTSIDE_WINDOW' };
  return { attributed: true, linkId: click.linkId, orgId: click.orgId };
}

const RANK: Record<ConversionStatus, number> = { pending: 0, approved: 1, reversed: 2 };

/**
 * Whether a postback changes a stored conversion. Statuses only move forward (pending →
 * approved → reversed): a late, older postback (a retried "pending" after "approved") changes
 * nothing, and a reversal is final. Within the same status, a corrected amount or category is taken.
 */
export function postbackChanges(stored: { status: ConversionStatus; amount: number; category: string | null }, next: { status: ConversionStatus; amount: number; category: string | null }): boolean {
  if (RANK[next.status] < RANK[stored.status]) return false;
  if (stored.status === 'reversed') return false;
  return next.status !== stored.status || next.amount !== stored.amount || next.category !== stored.category;
}
