import type { Invocation, InvocationKind } from './measured-invocations.ts';
import { moduleUsage, platformUsage, type Quantity } from './module-usage.ts';
import type { PriceKey, PriceTable } from './price-table.ts';
import source from './source-figures.json' with { type: 'json' };
import { MODULES, type ModuleName, type UsageProfile } from './usage-profile.ts';

export interface CostLine extends Quantity {
  unit: string;
  usd: number;
}

export interface ModuleCost {
  module: ModuleName | 'platform';
  lines: CostLine[];
  usd: number;
  eur: number;
  /** The source document's monthly figures for the module (section 3), in euros. */
  source?: { traditional: number; serverless: number; section: string };
}

export interface CostEstimate {
  profile: string;
  prices: { region: string; version: number; dated: string; eur_per_usd: number };
  modules: ModuleCost[];
  total_usd: number;
  total_eur: number;
  /** The source's section 3 figures summed over the modules of the profile. */
  source_modules: { traditional: number; serverless: number };
  /** The source's section 1.2 totals: everything, and only the rows that are AWS usage. */
  source_totals: { traditional: number; serverless: number; aws_usage_traditional: number; aws_usage_serverless: number; claimed_saving: number };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const cents = (n: number) => Math.round(n * 100) / 100;

function priced(quantities: readonly Quantity[], prices: PriceTable): CostLine[] {
  return quantities.filter((q) => q.quantity > 0).map((q) => ({ ...q, unit: prices.prices[q.price as PriceKey].unit, usd: q.quantity * prices.prices[q.price].usd }));
}

/**
 * The month's AWS bill of a usage profile, per module and in total, at the table's list prices,
 * beside the source document's own monthly figures. Pure: the same inputs give the same answer.
 */
export function estimateMonthlyCost(profile: UsageProfile, invocations: Record<InvocationKind, Invocation>, prices: PriceTable, eurPerUsd = prices.eur_per_usd): CostEstimate {
  const costOf = (module: ModuleCost['module'], lines: CostLine[]): ModuleCost => {
    const usd = sum(lines.map((l) => l.usd));
    const figures = module === 'platform' ? undefined : source.per_module.modules[module];
    return {
      module,
      lines,
      usd: cents(usd),
      eur: cents(usd * eurPerUsd),
      ...(figures ? { source: { traditional: figures.traditional, serverless: figures.serverless, section: figures.section } } : {}),
    };
  };
  const modules = [...MODULES.filter((m) => profile.modules[m]).map((m) => costOf(m, priced(moduleUsage(m, profile, invocations), prices))), costOf('platform', priced(platformUsage(profile), prices))];
  const totalUsd = sum(modules.flatMap((m) => m.lines.map((l) => l.usd)));
  const aws = source.by_aspect.rows.filter((r) => r.aws_usage);
  return {
    profile: profile.name,
    prices: { region: prices.region, version: prices.version, dated: prices.dated, eur_per_usd: eurPerUsd },
    modules,
    total_usd: cents(totalUsd),
    total_eur: cents(totalUsd * eurPerUsd),
    source_modules: {
      traditional: sum(modules.map((m) => m.source?.traditional ?? 0)),
      serverless: sum(modules.map((m) => m.source?.serverless ?? 0)),
    },
    source_totals: {
      ...source.by_aspect.total,
      aws_usage_traditional: sum(aws.map((r) => r.traditional)),
      aws_usage_serverless: sum(aws.map((r) => r.serverless)),
    },
  };
}
