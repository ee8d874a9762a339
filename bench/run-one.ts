import { writeFile } from 'node:fs/promises';
import { type BenchSize, figure, isBenchResult, PEAK_MEMORY_FIGURE } from './figures.ts';
import { benchmarks } from './registry.ts';

/**
 * One benchmark in a process of its own, started by bench/run.ts: `run-one.ts <name> <size>
 * <label> <out.json>`. Its own process, so that its peak memory is its own and a crash or a
 * leaked handle ends with it. Writes `{ figures, detail }` or `{ error }` to out.json.
 */
const [name, size, label, out] = process.argv.slice(2) as [string, BenchSize, string, string];
const t0 = performance.now();
const progress = (message: string) => process.stderr.write(`[${label} +${((performance.now() - t0) / 1000).toFixed(0)} s] ${message}\n`);
let outcome: unknown;
try {
  const result = await benchmarks[name]!.run({ size, progress });
  const { figures, detail } = isBenchResult(result) ? result : { figures: [], detail: result };
  // maxRSS: the peak resident memory of this process (worker threads included, spawned servers not).
  figures.push(figure(PEAK_MEMORY_FIGURE, Math.round(process.resourceUsage().maxRSS / 1024), 'MB'));
  outcome = { figures, detail };
} catch (err) {
  outcome = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}
await writeFile(out, JSON.stringify(outcome));
process.exit(0);
