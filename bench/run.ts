import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { textTable } from '../src/cli/text-table.ts';
import type { BenchSize } from './figures.ts';
import { aliases, benchmarks } from './registry.ts';
import { FIGURE_COLUMNS, figureCells } from './report/format-figure.ts';
import { type BenchRecord, mergeLatest, readLatest, type RunFile, timestampName } from './report/results-file.ts';

/**
 * `npm run bench [-- [--full] [<name>...]]`: runs every benchmark (or the ones named) at the
 * small size, or at the targets' size with --full; writes bench/results/<timestamp>.json (the
 * run, with each benchmark's detail) and folds the figures into bench/results/latest.json; prints
 * each figure beside its target and the baseline measured in the same run. Progress goes to stderr.
 * Each benchmark runs in a process of its own (bench/run-one.ts).
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

const scratch = await mkdtemp(path.join(os.tmpdir(), 'novaevo-bench-'));
for (const [i, name] of selected.entries()) {
  const bench = benchmarks[name]!;
  const started = new Date();
  const t0 = performance.now();
  const label = `${i + 1}/${selected.length} ${name}`;
  const start = loadavg();
  process.stderr.write(`[${label}] started (${size} size; load average ${start.join(' ')})\n`);
  const out = path.join(scratch, `${name}.json`);
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('bench/run-one.ts'), name, size, label, out], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (c) => resolve(c));
  });
  const outcome = (await readFile(out, 'utf8').then(JSON.parse, () => ({ error: `the benchmark process exited with code ${code} before writing its result` }))) as Pick<BenchRecord, 'error'> & {
    figures?: BenchRecord['figures'];
    detail?: unknown;
  };
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavg_start: start, loadavg_end: loadavg() };
  run.benchmarks[name] = { description: bench.description, started_at: started.toISOString(), seconds, size, machine, run_file: runFile, figures: [], ...outcome };
  process.stderr.write(`[${label}] ${outcome.error ? `FAILED after ${seconds} s: ${outcome.error.split('\n')[0]}` : `done in ${seconds} s`}\n`);
}
await rm(scratch, { recursive: true, force: true });
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
