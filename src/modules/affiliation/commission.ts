/**
 * Commission arithmetic, in integer cents only: a float never touches money. Percent rules are
 * held in basis points (1 % = 100 bp), so 4.5 % is the integer 450 and a commission is
 * `round(amount × bp / 10 000)`, rounded half up, computed exactly.
 */

/** A partner's rule: a percentage of the order amount, or a fixed sum per conversion. */
export type CommissionRule = { type: 'percent'; basisPoints: number } | { type: 'fixed'; cents: number };

/** The partner's default rule and its per-category overrides. */
export interface CommissionRules {
  default: CommissionRule;
  byCategory: Readonly<Record<string, CommissionRule>>;
}

/** The largest order amount accepted, in cents (10 million in any currency): keeps every product exact. */
export const MAX_AMOUNT_CENTS = 1_000_000_000;

/** The rule that applies to a conversion of `category` (the default when no override matches). */
export function ruleFor(rules: CommissionRules, category: string | null | undefined): CommissionRule {
  return (category !== null && category !== undefined && Object.hasOwn(rules.byCategory, category) ? rules.byCategory[category] : undefined) ?? rules.default;
}

/**
 * The commission of an order of `amountCents` under `rule`, in cents. A negative amount (a refund
 * line) yields a negative percent commission of the same size, so that a refund exactly undoes
 * its order; a fixed rule pays only for positive orders.
 */
export function commissionCents(rule: CommissionRule, amountCents: number): number {
  if (!Number.isSafeInteger(amountCents) || Math.abs(amountCents) > MAX_AMOUNT_CENTS) throw new RangeError('amount out of range');
  if (rule.type === 'fixed') return amountCents > 0 ? rule.cents : 0;
  // |amount| ≤ 1e9 and bp ≤ 10 000: the product stays below 2^53, so integer division is exact.
  const magnitude = Math.floor((Math.abs(amountCents) * rule.basisPoints + 5_000) / 10_000);
  return amountCents < 0 ? -magnitude : magnitude;
}

/** A percentage written as a decimal number (4.5) in basis points (450), or undefined when it has more than two decimals or is out of 0-100. */
export function percentToBasisPoints(percent: number): number | undefined {
  const bp = Math.round(percent * 100);
  if (!Number.isFinite(percent) || percent < 0 || percent > 100 || Math.abs(bp - percent * 100) > 1e-6) return undefined;
  return bp;
}

/** A decimal money string ("12.34", "-5", "0.5") in integer cents, parsed from its digits (no float); undefined when malformed. */
export function parseDecimalCents(value: string): number | undefined {
  const m = /^\s*(-)?(\d{1,10})(?:[.,](\d{1,2}))?\s*$/.exec(value);
  if (!m) return undefined;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (cents > MAX_AMOUNT_CENTS) return undefined;
  return m[1] && cents !== 0 ? -cents : cents;
}

/** Integer cents as a decimal money string with two decimals (1234 → "12.34", -5 → "-0.05"): the inverse of {@link parseDecimalCents}. */
export function formatDecimalCents(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
