import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionCents, formatDecimalCents, MAX_AMOUNT_CENTS, parseDecimalCents, percentToBasisPoints, ruleFor, type CommissionRules } from './commission.ts';

const amount = fc.integer({ min: -MAX_AMOUNT_CENTS, max: MAX_AMOUNT_CENTS });
const bp = fc.integer({ min: 0, max: 10_000 });

describe('commission arithmetic', () => {
  it('is the exact rational amount × bp / 10 000 rounded half up, always an integer (checked with BigInt)', () => {
    fc.assert(
      fc.property(amount, bp, (a, b) => {
        const c = commissionCents({ type: 'percent', basisPoints: b }, a);
        const exact = (BigInt(Math.abs(a)) * BigInt(b) * 2n + 10_000n) / 20_000n; // half up on the magnitude
        expect(Number.isSafeInteger(c)).toBe(true);
        expect(BigInt(Math.abs(c))).toBe(exact);
        expect(Math.sign(c) * Math.sign(a)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('makes a refund undo its order exactly', () => {
    fc.assert(fc.property(amount, bp, (a, b) => commissionCents({ type: 'percent', basisPoints: b }, a) + commissionCents({ type: 'percent', basisPoints: b }, -a) === 0));
  });

  it('never drifts when many conversions are summed (integers add exactly, unlike floats)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 200 }), bp, (orders, b) => {
        const total = orders.reduce((s, a) => s + commissionCents({ type: 'percent', basisPoints: b }, a), 0);
        expect(Number.isSafeInteger(total)).toBe(true);
        expect(total).toBe(orders.map((a) => commissionCents({ type: 'percent', basisPoints: b }, a)).reduceRight((s, c) => s + c, 0));
      }),
    );
  });

  it('pays a fixed commission for positive orders only', () => {
    expect(commissionCents({ type: 'fixed', cents: 500 }, 1)).toBe(500);
    expect(commissionCents({ type: 'fixed', cents: 500 }, 0)).toBe(0);
    expect(commissionCents({ type: 'fixed', cents: 500 }, -100)).toBe(0);
  });

  it('refuses amounts beyond the exact range instead of rounding them', () => {
    expect(() => commissionCents({ type: 'percent', basisPoints: 1 }, MAX_AMOUNT_CENTS + 1)).toThrow(RangeError);
    expect(() => commissionCents({ type: 'percent', basisPoints: 1 }, 0.5)).toThrow(RangeError);
  });

  it('reads percentages with at most two decimals as basis points', () => {
    expect(percentToBasisPoints(4.5)).toBe(450);
    expect(percentToBasisPoints(0.07)).toBe(7);
    expect(percentToBasisPoints(100)).toBe(10_000);
    expect(percentToBasisPoints(4.555)).toBeUndefined();
    expect(percentToBasisPoints(-1)).toBeUndefined();
    expect(percentToBasisPoints(Number.NaN)).toBeUndefined();
    fc.assert(fc.property(bp, (b) => percentToBasisPoints(b / 100) === b));
  });

  it('takes the category override, the default otherwise (not inherited object keys)', () => {
    const rules: CommissionRules = { default: { type: 'percent', basisPoints: 300 }, byCategory: { pneus: { type: 'fixed', cents: 200 } } };
    expect(ruleFor(rules, 'pneus')).toEqual({ type: 'fixed', cents: 200 });
    expect(ruleFor(rules, 'toString')).toEqual(rules.default);
    expect(ruleFor(rules, null)).toEqual(rules.default);
  });
});

describe('decimal money strings', () => {
  it('round-trips every amount in cents through its decimal writing', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_AMOUNT_CENTS, max: MAX_AMOUNT_CENTS }), (cents) => {
        const abs = Math.abs(cents);
        const written = `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
        expect(parseDecimalCents(written)).toBe(cents);
        expect(parseDecimalCents(written.replace('.', ','))).toBe(cents);
      }),
    );
  });

  it('reads one decimal as tenths and refuses what is not an amount', () => {
    expect(parseDecimalCents('0.5')).toBe(50);
    expect(parseDecimalCents('12')).toBe(1200);
    for (const bad of ['', '1.234', '1e3', 'douze', '1.', '.5', '--1', '99999999999']) expect(parseDecimalCents(bad), bad).toBeUndefined();
    fc.assert(fc.property(fc.string(), (s) => {
      const v = parseDecimalCents(s);
      return v === undefined || Number.isSafeInteger(v);
    }));
  });

  it('formats cents as a decimal string that parses back to the same cents', () => {
    fc.assert(
      fc.property(amount, (a) => {
        expect(formatDecimalCents(a)).toMatch(/^-?\d+\.\d{2}$/);
        expect(parseDecimalCents(formatDecimalCents(a))).toBe(a);
      }),
    );
  });
});
