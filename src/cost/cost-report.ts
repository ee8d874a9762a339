import type { BarChart } from '../charts/bar-chart-svg.ts';
import { textTable } from '../cli/text-table.ts';
import type { CostEstimate } from './estimate-cost.ts';
import type { Invocation, InvocationKind } from './measured-invocations.ts';

const usd = (n: number) => `$${n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const eur = (n: number) => `${n.toLocaleString('en-GB', { maximumFractionDigits: n < 100 ? 2 : 0 })} €`;
const pct = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;

/** The estimate as the terminal shows it: per module beside the source's figures, the totals, and where each duration came from. */
export function renderCostTable(estimate: CostEstimate, invocations: Record<InvocationKind, Invocation>, options: { lines?: boolean } = {}): string {
  const rows = estimate.modules.map((m) => [
    m.module,
    usd(m.usd),
    eur(m.eur),
    m.source ? eur(m.source.serverless) : '',
    m.source ? eur(m.source.traditional) : '',
    m.source ? `${(m.eur / m.source.serverless).toFixed(3)}×` : '',
    m.source ? `§${m.source.section}` : '',
  ]);
  const { serverless: sourceServerless, traditional: sourceTraditional } = estimate.source_modules;
  rows.push(['total', usd(estimate.total_usd), eur(estimate.total_eur), eur(sourceServerless), eur(sourceTraditional), `${(estimate.total_eur / sourceServerless).toFixed(3)}×`, '§3']);
  const t = estimate.source_totals;
  const out = [
    `Monthly AWS cost estimate: profile "${estimate.profile}", ${estimate.prices.region} list prices v${estimate.prices.version} of ${estimate.prices.dated}, 1 USD = ${estimate.prices.eur_per_usd} EUR`,
    '',
    textTable(['module', 'estimate', 'in euros', 'source: serverless', 'source: traditional', 'estimate / source serverless', 'source'], rows),
    '',
    `Source §1.2 totals: traditional ${eur(t.traditional)}, serverless ${eur(t.serverless)} (claimed saving ${pct(t.claimed_saving)}); of these, the rows that are AWS usage (not DevOps people): ${eur(t.aws_usage_traditional)} and ${eur(t.aws_usage_serverless)}.`,
    `This estimate is ${pct(1 - estimate.total_eur / t.aws_usage_traditional)} below the traditional AWS-usage rows and ${pct(1 - estimate.total_eur / t.aws_usage_serverless)} below the source's serverless ones.`,
    '',
    'Per invocation (Lambda arm64; duration billed to the next ms):',
    textTable(
      ['function', 'duration', 'from', 'memory', 'from'],
      Object.entries(invocations).map(([kind, inv]) => [kind, `${inv.duration_ms} ms`, inv.duration_from, `${inv.memory_mb} MB`, inv.memory_from]),
    ),
  ];
  const defaults = Object.entries(invocations).filter(([, inv]) => !inv.measured);
  if (defaults.length) out.push('', `Defaults used (no benchmark figure): ${defaults.map(([kind, inv]) => `${kind} ${inv.duration_ms} ms`).join(', ')}. Run npm run bench to measure them.`);
  if (options.lines) {
    for (const m of estimate.modules) {
      out.push('', `${m.module}:`, textTable(['service', 'quantity', 'unit', 'cost', 'what'], m.lines.map((l) => [l.price, l.quantity.toLocaleString('en-GB', { maximumFractionDigits: 2 }), l.unit, usd(l.usd), l.what])));
    }
  }
  return out.join('\n');
}

/** Per module: the source's traditional and serverless monthly figures, and this estimate, in euros on one scale. */
export function costChart(estimate: CostEstimate): BarChart {
  return {
    title: `Monthly cost per module: "${estimate.profile}"`,
    subtitle: `estimate at ${estimate.prices.region} list prices of ${estimate.prices.dated} (1 USD = ${estimate.prices.eur_per_usd} EUR), beside the source document's section 3 figures`,
    scale: 'shared',
    groups: estimate.modules.map((m) => ({
      label: m.module === 'platform' ? 'platform (database, tables, keys)' : m.module,
      bars: [
        ...(m.source
          ? [
              { label: 'source: traditional', value: m.source.traditional, display: eur(m.source.traditional), tone: 'muted' as const },
              { label: 'source: serverless', value: m.source.serverless, display: eur(m.source.serverless), tone: 'reference' as const },
            ]
          : []),
        { label: 'this estimate', value: m.eur, display: eur(m.eur), tone: 'measured' as const },
      ],
    })),
    legend: [
      { tone: 'muted', label: 'source: traditional' },
      { tone: 'reference', label: 'source: serverless' },
      { tone: 'measured', label: 'this estimate' },
    ],
  };
}
