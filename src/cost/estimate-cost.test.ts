import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invocationSets, profiles } from './cost-arbitraries.ts';
import { estimateMonthlyCost } from './estimate-cost.ts';
import { invocationsFrom } from './measured-invocations.ts';
import { PARIS_PRICES } from './price-table.ts';
import { MODULES, type ModuleName, parseUsageProfile, type ProfileInput } from './usage-profile.ts';

const parse = (input: ProfileInput) => parseUsageProfile(JSON.stringify(input));
const estimate = (input: ProfileInput, inv = invocationsFrom(undefined)) => estimateMonthlyCost(parse(input), inv, PARIS_PRICES);
const rawUsd = (e: ReturnType<typeof estimate>, module: string) => e.modules.filter((m) => m.module === module).flatMap((m) => m.lines).reduce((a, l) => a + l.usd, 0);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The profile with one module's volumes multiplied by `factor` (≥ 1). */
function scaled(input: ProfileInput, module: ModuleName, factor: number): ProfileInput {
  const usage = input.modules[module] as Record<string, number> | undefined;
  if (!usage) return input;
  const volumes = ['requests_per_day', 'bookings_per_day', 'devices', 'messages_per_device_per_day'];
  const up = Object.fromEntries(Object.entries(usage).map(([k, v]) => [k, volumes.includes(k) ? v * factor : v]));
  return { ...input, modules: { ...input.modules, [module]: up } };
}

describe('the monthly cost estimate', () => {
  it('never falls when a module handles more work', () => {
    fc.assert(
      fc.property(profiles, invocationSets, fc.constantFrom(...MODULES), fc.double({ min: 1, max: 100, noNaN: true }), (input, inv, module, factor) => {
        const before = estimate(input, inv);
        const after = estimate(scaled(input, module, factor), inv);
        expect(rawUsd(after, module)).toBeGreaterThanOrEqual(rawUsd(before, module) * (1 - 1e-12));
        expect(after.total_usd).toBeGreaterThanOrEqual(before.total_usd - 0.01);
      }),
    );
  });

  it('is the sum of each module costed alone, the fixed platform cost counted once', () => {
    fc.assert(
      fc.property(profiles, invocationSets, (input, inv) => {
        const whole = estimate(input, inv);
        const present = MODULES.filter((m) => input.modules[m]);
        const alone = present.map((m) => rawUsd(estimate({ ...input, modules: { [m]: input.modules[m] } }, inv), m));
        const platform = rawUsd(whole, 'platform');
        for (const [i, m] of present.entries()) expect(close(rawUsd(whole, m), alone[i]!)).toBe(true);
        expect(whole.total_usd).toBeCloseTo(platform + alone.reduce((a, b) => a + b, 0), 1);
      }),
    );
  });

  it('is only the fixed costs when nothing is used', () => {
    fc.assert(
      fc.property(profiles, invocationSets, (input, inv) => {
        const idle = Object.fromEntries(
          Object.entries(input.modules).map(([m, u]) => [m, Object.fromEntries(Object.entries(u as object).map(([k, v]) => [k, /_per_day$|^devices$/.test(k) ? 0 : v]))]),
        );
        const e = estimate({ ...input, modules: idle }, inv);
        for (const m of e.modules.filter((x) => x.module !== 'platform')) expect(m.usd).toBe(0);
        const hours = (input.days_per_month ?? 30) * 24;
        const p = PARIS_PRICES.prices;
        const fixed =
          (input.platform?.aurora_average_acu ?? 0.5) * hours * p.aurora_acu_hour.usd +
          (input.storage?.database_gb ?? 0) * p.aurora_storage_gb_month.usd +
          (input.storage?.key_value_gb ?? 0) * p.dynamodb_storage_gb_month.usd +
          (input.platform?.kms_keys ?? 3) * p.kms_key_month.usd;
        expect(e.total_usd).toBeCloseTo(fixed, 1);
      }),
    );
  });

  it('prices a million redirects a month line by line', () => {
    const inv = invocationsFrom({ benchmarks: { affiliation: { figures: [{ name: 'redirects/s (fsync journal)', value: 500, unit: 'req/s' }] } } });
    const e = estimate({ name: 'redirects', days_per_month: 30, modules: { affiliation: { requests_per_day: 1e6 / 30 } }, platform: { aurora_average_acu: 0, kms_keys: 0 } }, inv);
    const byPrice = Object.fromEntries(e.modules[0]!.lines.map((l) => [l.price, l.usd]));
    expect(byPrice.cloudfront_https_request).toBeCloseTo(1.2, 6); // $0.012 per 10,000
    expect(byPrice.http_api_request).toBeCloseTo(1.17, 6);
    expect(byPrice.lambda_request).toBeCloseTo(0.2, 6);
    // 1 s / 500 redirects = 2 ms at 256 MB: 1e6 × 0.002 s × 0.25 GB = 500 GB-s
    expect(byPrice.lambda_arm_gb_second).toBeCloseTo(500 * 0.0000133334, 6);
    expect(byPrice.dynamodb_write_request_unit).toBeCloseTo(0.742, 6);
    expect(byPrice.dynamodb_read_request_unit).toBeCloseTo(0.07425, 6);
    expect(e.modules[0]!.source).toEqual({ traditional: 710, serverless: 240, section: '3.7' });
  });

  it('says which durations are defaults when the benchmark figures are absent', () => {
    const inv = invocationsFrom({ benchmarks: { nlp: { figures: [{ name: 'analysis CPU time, p50', value: 1.5, unit: 'ms' }] } } });
    expect(inv.nlp_analysis).toMatchObject({ duration_ms: 1.5, measured: true, duration_from: 'bench nlp: analysis CPU time, p50' });
    expect(inv.ocr_read.measured).toBe(false);
    expect(inv.ocr_read.duration_from).toMatch(/^default/);
  });
});
