import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchmarks } from './registry.ts';

/**
 * `npm run bench -- <name>`: runs one benchmark, prints its figures and writes them to
 * bench/results/<name>.json. Every benchmark measures its own baseline in the same run, so the
 * figures compare like with like on a shared, noisy machine.
 */
const name = process.argv[2];
const bench = name ? benchmarks[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <name>\nbenchmarks: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
const started = new Date();
const result = await bench.run();
const report = {
  benchmark: name,
  description: bench.description,
  started_at: started.toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg() },
  ...result,
};
const file = path.resolve('bench/results', `${name}.json`);
await mkdir(path.dirname(file), { recursive: true });
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));
console.log(`written to ${path.relative(process.cwd(), file)}`);
process.exit(0);
