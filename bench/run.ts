import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { textTable } from '../src/cli/text-table.ts';
import { type BenchSize, figure, isBenchResult, PEAK_MEMORY_FIGURE } from './figures.ts';
import { aliases, benchmarks } from './registry.ts';
import { FIGURE_COLUMNS, figureCells } from './report/format-figure.ts';
import { type BenchRecord, mergeLatest, readLatest, type RunFile, timestampName } from './report/results-file.ts';

/**
 * `npm run bench [-- [--full] [<name>...]]`: runs every benchmark (or the ones named) at the
 * small size, or at the targets' size with --full; writes bench/results/<timestamp>.json (the
 * run, with each benchmark's detail) and folds the figures into bench/results/latest.json; prints
 * each figure beside its target and the baseline measured in the same run. Progress goes to stderr.
 */
const RESULTS = path.resolve('bench/results');
const args = process.argv.slice(2);
const size: BenchSize = args.includes('--full') ? 'full' : 'small';
const names = args.filter((a) => !a.startsWith('--')).map((n) => aliases[n] ?? n);
const unknown = names.filter((n) => !benchmarks[n]);
if (unknown.length || args.some((a) => a.startsWith('--') && a !== '--full')) {
  const known = [...Object.keys(benchmarks), ...Object.entries(aliases).map(([alias, name]) => `${alias} (= ${name})`)];
  console.error(`usage: npm run bench [-- [--full] [<name>...]]\nbenchmarks: ${known.join(', ')}${unknown.length ? `\nunknown: ${unknown.join(', ')}` : ''}`);
  process.exit(2);
}
const selected = names.length ? [...new Set(names)] : Object.keys(benchmarks);

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
})();
const loadavg = () => os.loadavg().map((l) => Math.round(l * 100) / 100);
const runStarted = new Date();
const runFile = `${timestampName(runStarted)}.json`;
const run: RunFile = { started_at: runStarted.toISOString(), finished_at: '', size, commit, benchmarks: {} };

for (const [i, name] of selected.entries()) {
  const bench = benchmarks[name]!;
  const started = new Date();
  const t0 = performance.now();
  const progress = (message: string) => process.stderr.write(`[${i + 1}/${selected.length} ${name} +${((performance.now() - t0) / 1000).toFixed(0)} s] ${message}\n`);
  const start = loadavg();
  progress(`started (${size} size; load average ${start.join(' ')})`);
  // Sampled, not maxRSS: the process's lifetime peak would carry the previous benchmark's.
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250);
  let outcome: Pick<BenchRecord, 'figures' | 'error'> & { detail?: unknown };
  try {
    const result = await bench.run({ size, progress });
    outcome = isBenchResult(result) ? result : { figures: [], detail: result };
    outcome.figures.push(figure(PEAK_MEMORY_FIGURE, Math.round(peakRss / 2 ** 20), 'MB'));
  } catch (err) {
    outcome = { figures: [], error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  } finally {
    clearInterval(sampler);
  }
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavg_start: start, loadavg_end: loadavg() };
  run.benchmarks[name] = { description: bench.description, started_at: started.toISOString(), seconds, size, machine, run_file: runFile, ...outcome };
  progress(outcome.error ? `FAILED after ${seconds} s: ${outcome.error.split('\n')[0]}` : `done in ${seconds} s`);
}
run.finished_at = new Date().toISOString();

await mkdir(RESULTS, { recursive: true });
await writeFile(path.join(RESULTS, runFile), `${JSON.stringify(run, null, 2)}\n`);
const latestFile = path.join(RESULTS, 'latest.json');
await writeFile(latestFile, `${JSON.stringify(mergeLatest(await readLatest(latestFile), run), null, 2)}\n`);

const rows = Object.entries(run.benchmarks).flatMap(([name, r]) =>
  r.error ? [[name, `FAILED: ${r.error.split('\n')[0]}`, '', '', '', '', '']] : r.figures.length ? r.figures.map((f) => [name, ...figureCells(f)]) : [[name, '(no figures in the common shape)', '', '', '', '', '']],
);
console.log(textTable(['benchmark', ...FIGURE_COLUMNS], rows));
const all = Object.values(run.benchmarks).flatMap((r) => r.figures);
const failed = Object.values(run.benchmarks).filter((r) => r.error).length;
console.log(
  `\n${all.filter((f) => f.met === true).length} met, ${all.filter((f) => f.met === false).length} missed, ${all.filter((f) => f.target && f.met === undefined).length} not judged at this size; ${failed} benchmark(s) failed`,
);
console.log(`written to ${path.relative(process.cwd(), path.join(RESULTS, runFile))} and ${path.relative(process.cwd(), latestFile)}`);
process.exit(failed ? 1 : 0);
