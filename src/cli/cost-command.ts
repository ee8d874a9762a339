import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import type { CostOptions } from '../cost/run-cost.ts';

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a positive number, not "${value}"`);
  return n;
}

const DEFAULT_RESULTS = fileURLToPath(new URL('../../bench/results/latest.json', import.meta.url));

/** `novaevo cost --profile <file.json>`: the monthly AWS estimate of a usage profile. The work is imported when it runs: `--help` stays light. */
export function costCommand(): Command {
  return new Command('cost')
    .description(
      "estimate the monthly AWS cost (eu-west-3) of a usage profile, per module and in total, from the latest benchmark figures, beside the source document's figures",
    )
    .requiredOption('--profile <file.json>', 'usage profile: requests per day per module, pages, device messages, storage, retention (see profiles/)')
    .option('--results <file.json>', 'benchmark figures giving each function’s duration and memory', DEFAULT_RESULTS)
    .option('--svg <file.svg>', 'also write the per-module chart as SVG')
    .option('--eur-per-usd <rate>', 'exchange rate for the euro columns (default: the price table’s)', positiveNumber)
    .option('--lines', 'print every billed quantity of every module')
    .option('--json', 'print the estimate as JSON instead of tables')
    .action(async (options: CostOptions) => (await import('../cost/run-cost.ts')).runCost(options));
}
