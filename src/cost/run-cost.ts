import { readFile, writeFile } from 'node:fs/promises';
import { renderBarChart } from '../charts/bar-chart-svg.ts';
import { costChart, renderCostTable } from './cost-report.ts';
import { estimateMonthlyCost } from './estimate-cost.ts';
import { invocationsFrom, type LatestFigures, parseLatestFigures } from './measured-invocations.ts';
import { PARIS_PRICES } from './price-table.ts';
import { ProfileError, parseUsageProfile } from './usage-profile.ts';

export interface CostOptions {
  profile: string;
  results: string;
  svg?: string;
  eurPerUsd?: number;
  lines?: boolean;
  json?: boolean;
}

const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/** Reads the profile and the benchmark figures, prints the estimate, writes the chart. */
export async function runCost(options: CostOptions): Promise<void> {
  const text = await readFile(options.profile, 'utf8').catch((err: unknown) => {
    throw new ProfileError(missing(err) ? `${options.profile}: no such file (profiles/source-volumes.json is an example)` : `${options.profile}: ${(err as Error).message}`);
  });
  const profile = parseUsageProfile(text, options.profile);
  let latest: LatestFigures | undefined;
  try {
    latest = parseLatestFigures(await readFile(options.results, 'utf8'), options.results);
  } catch (err) {
    if (!missing(err)) throw err;
    process.stderr.write(`novaevo: no benchmark figures at ${options.results}: every duration and memory below is a default (npm run bench measures them)\n`);
  }
  const invocations = invocationsFrom(latest);
  const estimate = estimateMonthlyCost(profile, invocations, PARIS_PRICES, options.eurPerUsd);
  process.stdout.write(options.json ? `${JSON.stringify({ estimate, invocations }, null, 2)}\n` : `${renderCostTable(estimate, invocations, { lines: options.lines })}\n`);
  if (options.svg) {
    await writeFile(options.svg, renderBarChart(costChart(estimate)));
    process.stderr.write(`novaevo: chart written to ${options.svg}\n`);
  }
}
