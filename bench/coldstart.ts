import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleLambda, type LambdaBundle, packageClosure } from '../src/runtime/lambda/bundle.ts';
import { REPOSITORY_ROOT, writeLambdaEntries } from '../src/runtime/lambda/entry-source.ts';
import { type BenchResult, type Figure, figure, type RunOptions } from './figures.ts';

/** 1 MB read as 1 MiB; OCR is exempt (tesseract.js and sharp are its job). */
const MAX_BUNDLE_BYTES = 1024 * 1024;
const SIZE_EXEMPT = new Set(['ocr']);
const MAX_INIT_MS = 150;
const ROUNDS = { small: 5, full: 11 } as const;
// The functions whose initialisation is also measured with the AWS SDK bundled in, to show what leaving it to the runtime saves.
const SDK_COMPARISON = ['authorizer', 'vehicles'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

// What Lambda sets before it loads a function's code (no call is made: the platform opens at the first invocation).
const LAMBDA_ENV = {
  AWS_REGION: 'eu-west-3',
  AWS_LAMBDA_FUNCTION_NAME: 'novaevo-coldstart',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  POWERTOOLS_METRICS_NAMESPACE: 'NovaEvo',
  NODE_DISABLE_COMPILE_CACHE: '1',
};

/**
 * What the nodejs22.x runtime offers a function besides its own folder: the AWS SDK v3 (every
 * installed @aws-sdk package, with what they depend on), linked into `dir/node_modules`.
 * Nothing else of the repository's node_modules is reachable from the functions' folders.
 */
async function runtimeSdkInto(dir: string): Promise<number> {
  const sdk = (await readdir(path.join(REPOSITORY_ROOT, 'node_modules', '@aws-sdk'))).map((n) => `@aws-sdk/${n}`);
  const closure = new Set<string>();
  for (const name of sdk) await packageClosure(name, closure);
  for (const name of closure) {
    const link = path.join(dir, 'node_modules', name);
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(path.join(REPOSITORY_ROOT, 'node_modules', name), link, 'dir');
  }
  return closure.size;
}

/**
 * Milliseconds a fresh `node` process spends importing `file` (its module initialisation: what
 * Lambda's Init adds to the runtime's own start), and the whole process's wall time to the end
 * of that import. The entry's top level creates the handler, so that is included.
 */
function timeImport(file: string): Promise<{ importMs: number; processMs: number }> {
  const script = `const t0 = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)});
if (m.handler !== undefined && typeof m.handler !== 'function') throw new Error('handler is not a function');
process.stdout.write(JSON.stringify({ importMs: performance.now() - t0, sinceStartMs: performance.now() }));`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`importing ${file} exited ${code}: ${err.slice(0, 2000)}`));
      const { importMs } = JSON.parse(out) as { importMs: number };
      resolve({ importMs, processMs: performance.now() - started });
    });
  });
}

/**
 * `npm run bench -- coldstart`: bundles every Lambda function with the CDK app's esbuild options
 * (src/runtime/lambda/bundle.ts) into a scratch folder outside the repository, as deployed: its
 * own folder (bundle, assets, unbundled packages) plus the AWS SDK the runtime provides, and
 * nothing else; it reports each bundle's minified size and its initialisation: the median over
 * fresh `node` processes of importing the bundle (which creates the handler), against a fresh
 * process importing an empty module, interleaved in the same rounds.
 */
export async function runColdstartBenchmark(options: RunOptions): Promise<BenchResult> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'novaevo-coldstart-'));
  try {
    const sdkPackages = await runtimeSdkInto(scratch);
    const entries = await writeLambdaEntries(path.join(scratch, 'entries'));
    const bundles = new Map<string, LambdaBundle>();
    const withSdk = new Map<string, LambdaBundle>();
    for (const e of entries) {
      options.progress(`bundling ${e.name}`);
      bundles.set(e.name, await bundleLambda(e.entry, path.join(scratch, e.name)));
      if (SDK_COMPARISON.includes(e.name)) withSdk.set(e.name, await bundleLambda(e.entry, path.join(scratch, `${e.name}-with-sdk`), { bundleAwsSdk: true }));
    }
    const empty = path.join(scratch, 'empty.mjs');
    await writeFile(empty, 'export {};\n');

    const targets: [string, string][] = [['(empty module)', empty], ...[...bundles].map(([n, b]) => [n, b.file] as [string, string]), ...[...withSdk].map(([n, b]) => [`${n} (AWS SDK bundled)`, b.file] as [string, string])];
    const runs = new Map<string, { importMs: number; processMs: number }[]>(targets.map(([n]) => [n, []]));
    const rounds = ROUNDS[options.size];
    for (let round = 0; round < rounds; round++) {
      options.progress(`initialisation round ${round + 1}/${rounds}`);
      for (const [name, file] of targets) runs.get(name)!.push(await timeImport(file));
    }
    const init = (name: string) => round1(median(runs.get(name)!.map((r) => r.importMs)));
    const baseline = { name: 'a fresh node process importing an empty module', value: init('(empty module)') };

    const comparison = [...withSdk.keys()].map((n) => `${n} ${init(n)} ms with it left to the runtime, ${init(`${n} (AWS SDK bundled)`)} ms bundled (${Math.round(withSdk.get(n)!.bytes / 1024)} KB)`).join('; ');
    const figures: Figure[] = [];
    for (const [name, b] of bundles) {
      const exempt = SIZE_EXEMPT.has(name);
      figures.push(
        figure(`${name}: bundle size (minified)`, b.bytes, 'bytes', {
          ...(exempt ? { note: 'OCR is exempt from the size target' } : { target: { op: '<=', value: MAX_BUNDLE_BYTES } }),
          ...(!exempt && b.bytes > MAX_BUNDLE_BYTES ? { note: sizeNote(name) } : {}),
        }),
      );
      const ms = init(name);
      figures.push(
        figure(`${name}: initialisation (import of the bundle, handler created), median`, ms, 'ms', {
          target: { op: '<=', value: MAX_INIT_MS },
          baseline,
          ...(ms > MAX_INIT_MS ? { note: initNote(name, comparison) } : {}),
        }),
      );
    }
    const detail = {
      rounds,
      what_is_measured:
        'size: index.mjs as deployed (minified, source map beside it not counted, unbundled packages listed apart); initialisation: performance.now() around `await import(bundle)` in a fresh node process, Lambda-like environment, no compile cache',
      aws_sdk: `left to the nodejs22.x runtime (external @aws-sdk/*; ${sdkPackages} packages linked beside the functions as the runtime provides them); the comparison below bundles it instead`,
      functions: Object.fromEntries(
        [...bundles].map(([name, b]) => [
          name,
          {
            bytes: b.bytes,
            source_map_bytes: b.sourceMapBytes,
            unbundled_packages: b.nodeModules,
            unbundled_packages_bytes: b.nodeModulesBytes,
            assets: b.assets.map((a) => a.to),
            init_median_ms: init(name),
            init_runs_ms: runs.get(name)!.map((r) => round1(r.importMs)),
            process_wall_median_ms: round1(median(runs.get(name)!.map((r) => r.processMs))),
          },
        ]),
      ),
      aws_sdk_bundled_comparison: Object.fromEntries(
        [...withSdk].map(([name, b]) => [
          name,
          { bytes: b.bytes, bytes_with_sdk_external: bundles.get(name)!.bytes, init_median_ms: init(`${name} (AWS SDK bundled)`), init_median_ms_sdk_external: init(name) },
        ]),
      ),
      empty_module: { init_median_ms: baseline.value, process_wall_median_ms: round1(median(runs.get('(empty module)')!.map((r) => r.processMs))) },
    };
    return { figures, detail };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Why a bundle is over budget, from what dominates it (measured with esbuild's metafile while writing this benchmark). */
function sizeNote(name: string): string {
  const common = 'zod 4 weighs ~450 KB in every bundle, ~260 KB of it its locales (kept because @hono/zod-openapi takes the whole z namespace)';
  const own: Record<string, string> = {
    obd: 'the DTC description tables (~390 KB of the module itself) and, through bookingAccess, the planning module',
    kbis: 'pdf-lib and its standard fonts (~350 KB)',
    nlp: 'the planning module (bookingAccess) and the NLP analysers',
    planning: 'the NLP module (analysisReader), temporal-polyfill and ical-generator',
    'iot-authorizer': "the OBD module, whose device authentication it runs (DTC tables included)",
    migrate: 'every module: it imports the whole module list for the migrations',
  };
  return `over 1 MiB: ${own[name] ? `${own[name]}; ` : ''}${common}`;
}

function initNote(name: string, comparison: string): string {
  const own = name === 'iot-authorizer' || name === 'obd' || name === 'migrate' ? '; more code of its own to parse (see the size note)' : '';
  return `over ${MAX_INIT_MS} ms: the AWS SDK the runtime provides is loaded at import from its CommonJS files, every client the adapters' factory imports (${comparison})${own}`;
}
