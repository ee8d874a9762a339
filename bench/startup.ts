import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCli } from '../scripts/build.ts';
import { ensurePgliteTemplate } from '../src/platform/adapters/local/pglite-template.ts';

const BIN = path.resolve('bin/novaevo.js');
const ROUNDS = 5;
const TARGETS_S = { help: 0.3, start_existing_folder: 1 };

/**
 * How the command line is run. `tsx` is what bin/novaevo.js did before the build (and still does
 * with NOVAEVO_FROM_SOURCE=1): the baseline. `build-cold` is the first run after a build (no V8
 * compile cache yet), `build` every later one.
 */
const VARIANTS: Record<string, Record<string, string>> = {
  tsx: { NOVAEVO_FROM_SOURCE: '1', NODE_DISABLE_COMPILE_CACHE: '1' },
  'build-cold': { NODE_DISABLE_COMPILE_CACHE: '1' },
  build: {},
};

/** Seconds from spawning `novaevo <args>` to its exit, or to its first output line matching `until` (then it is stopped). */
function timeRun(args: string[], env: Record<string, string>, until?: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info', PORT: '0', MQTT_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let elapsed: number | undefined;
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (until && elapsed === undefined && until.test(out)) {
        elapsed = (performance.now() - t0) / 1000;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      if (until) {
        if (elapsed === undefined) reject(new Error(`novaevo ${args.join(' ')} exited ${code} before ${until}:\n${out}`));
        else resolve(elapsed);
      } else if (code !== 0) reject(new Error(`novaevo ${args.join(' ')} exited ${code}:\n${out}`));
      else resolve((performance.now() - t0) / 1000);
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round3 = (x: number) => Math.round(x * 1000) / 1000;

interface Scenario {
  name: string;
  run(variant: string): Promise<number>;
}

/**
 * `npm run bench -- startup`: `novaevo --help`, a first start on a new data folder and a start on
 * an existing one (time to the "NovaEvo is ready" line, when /health answers), each run in its
 * own process under tsx and from the build, interleaved over several rounds; medians in seconds.
 */
export async function runStartupBenchmark(): Promise<Record<string, unknown>> {
  await Promise.all([buildCli(), ensurePgliteTemplate()]);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'novaevo-bench-startup-'));
  try {
    // One existing folder per variant, started once so that its migrations are applied.
    const existing: Record<string, string> = {};
    for (const v of Object.keys(VARIANTS)) {
      existing[v] = path.join(scratch, `existing-${v}`);
      await timeRun(['start'], { ...VARIANTS[v], NOVAEVO_DATA_DIR: existing[v] }, /NovaEvo is ready/);
    }
    let fresh = 0;
    const scenarios: Scenario[] = [
      { name: 'help', run: (v) => timeRun(['--help'], VARIANTS[v]!) },
      { name: 'start_new_folder', run: (v) => timeRun(['start'], { ...VARIANTS[v], NOVAEVO_DATA_DIR: path.join(scratch, `new-${fresh++}`) }, /NovaEvo is ready/) },
      { name: 'start_existing_folder', run: (v) => timeRun(['start'], { ...VARIANTS[v], NOVAEVO_DATA_DIR: existing[v]! }, /NovaEvo is ready/) },
    ];
    const runs: Record<string, Record<string, number[]>> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of scenarios) {
        for (const v of Object.keys(VARIANTS)) ((runs[s.name] ??= {})[v] ??= []).push(await s.run(v));
      }
    }
    const figures = Object.fromEntries(
      Object.entries(runs).map(([scenario, byVariant]) => {
        const medians = Object.fromEntries(Object.entries(byVariant).map(([v, xs]) => [v, round3(median(xs))]));
        return [scenario, { median_s: medians, runs_s: Object.fromEntries(Object.entries(byVariant).map(([v, xs]) => [v, xs.map(round3)])), build_vs_tsx: round3(medians.build! / medians.tsx!) }];
      }),
    );
    const verdict = (scenario: keyof typeof TARGETS_S) => {
      const got = median(runs[scenario]!.build!);
      return { target_s: TARGETS_S[scenario], build_median_s: round3(got), met: got <= TARGETS_S[scenario] };
    };
    return {
      rounds: ROUNDS,
      variants: { tsx: 'sources through the tsx loader (the baseline: bin/novaevo.js before the build)', 'build-cold': 'the esbuild bundle, no V8 compile cache', build: 'the esbuild bundle with its compile cache (every run after the first)' },
      figures,
      targets: { help: verdict('help'), start_existing_folder: verdict('start_existing_folder') },
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
