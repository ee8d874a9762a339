/**
 * How each Lambda function is bundled: one esbuild configuration for the CDK app's
 * NodejsFunction (`lambdaBundling()`, its `bundling` prop) and for the cold-start benchmark
 * (`bundleLambda`, which runs esbuild itself with the same options).
 *
 * - ESM for Node 22 (`nodejs22.x`, arm64), minified, with a linked source map (set
 *   NODE_OPTIONS=--enable-source-maps on the function for readable stacks). The banner gives the
 *   bundle a `require` for the CommonJS dependencies it carries.
 * - `@aws-sdk/*` is left to the runtime's copy (nodejs22.x ships SDK v3), as NodejsFunction does
 *   by default: bundled, the SDK adds 0.3-0.5 MB to every function that talks to AWS, which puts
 *   each of them over the 1 MB budget; `npm run bench -- coldstart` measures both ways.
 * - Packages that cannot be bundled — native addons (argon2, sharp, socketcan) and those that load files
 *   beside their code at run time (mupdf's WebAssembly, tesseract.js's workers, HiGHS) — stay
 *   external and are copied, with their dependencies, into the function's `node_modules`, only
 *   for the functions whose code imports them (`completeBundle`, run after esbuild from the
 *   metafile), builds for other platforms than linux-arm64 left out. Install the linux-arm64
 *   builds beside the local ones before deploying (docs/deploy.md): the copy takes what
 *   node_modules holds.
 * - Files our sources read beside themselves (`new URL('./x.asl.json', import.meta.url)`) are
 *   copied next to the bundle, where the URL, resolved against the bundle's own, finds them;
 *   packages they load by name at run time (`createRequire(import.meta.url)('asl-validator')`,
 *   swagger-ui-dist's folder) are copied like the unbundled ones; worker threads they start by
 *   URL (planning's HiGHS solver) are bundled beside it.
 */
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BundlingOptions, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as esbuild from 'esbuild';
import { REPOSITORY_ROOT } from './entry-source.ts';

/** Packages kept out of every bundle, copied beside it when a function's code imports them. */
export const UNBUNDLED_PACKAGES = ['@node-rs/argon2', 'sharp', 'mupdf', 'tesseract.js', 'highs', 'socketcan', '@electric-sql/pglite', 'classic-level'] as const;

export const AWS_SDK_PACKAGES = '@aws-sdk/*';

// `require` for bundled CommonJS code inside an ESM bundle (Node has none in ES modules).
const BANNER = "import { createRequire as __novaevoCreateRequire } from 'node:module'; const require = __novaevoCreateRequire(import.meta.url);";

/** The name of the metafile NodejsFunction (`metafile: true`) and `bundleLambda` write beside the bundle. */
const METAFILE = 'index.meta.json';

/** The esbuild options of every function (entry point and output left to the caller). */
export function lambdaEsbuildOptions(options: { bundleAwsSdk?: boolean } = {}) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: 'linked',
    banner: { js: BANNER },
    mainFields: ['module', 'main'],
    legalComments: 'none',
    external: [...UNBUNDLED_PACKAGES, ...(options.bundleAwsSdk ? [] : [AWS_SDK_PACKAGES])],
    logLevel: 'silent',
  } satisfies esbuild.BuildOptions;
}

/** A file read at run time beside a source file, and where it goes beside the bundle. */
export interface BundleAsset {
  from: string;
  /** Relative to the bundle's folder. */
  to: string;
}

export interface LambdaBundle {
  /** The bundle's path. */
  file: string;
  bytes: number;
  /** Bytes of the source map beside it (not loaded at initialisation). */
  sourceMapBytes: number;
  /** Unbundled packages its code imports, copied (with their dependencies) into its node_modules. */
  nodeModules: string[];
  /** Bytes of those packages. */
  nodeModulesBytes: number;
  assets: BundleAsset[];
}

const FILE_URL = /new URL\((['"])(\.\.?\/[^'"]+)\1, import\.meta\.url\)/g;

/** The files sources read beside themselves: `new URL('./x.json', import.meta.url)` of an existing non-TypeScript file. */
async function assetsOf(sources: string[]): Promise<BundleAsset[]> {
  const out = new Map<string, BundleAsset>();
  for (const source of sources) {
    for (const m of (await readFile(source, 'utf8')).matchAll(FILE_URL)) {
      const ref = m[2]!;
      if (ref.endsWith('.ts') || ref.endsWith('/')) continue;
      const from = path.resolve(path.dirname(source), ref);
      if ((await stat(from).catch(() => undefined))?.isFile()) out.set(ref, { from, to: path.normalize(ref) });
    }
  }
  return [...out.values()];
}

/** The unbundled packages the bundle's code imports (esbuild's record of external imports). */
function unbundledImportsOf(metafile: esbuild.Metafile): string[] {
  const found = new Set<string>();
  for (const input of Object.values(metafile.inputs)) {
    for (const imp of input.imports) {
      const pkg = imp.external ? UNBUNDLED_PACKAGES.find((p) => imp.path === p || imp.path.startsWith(`${p}/`)) : undefined;
      if (pkg) found.add(pkg);
    }
  }
  return [...found].sort();
}

/** Where the functions run: Lambda's arm64 on Amazon Linux (glibc). */
export const LAMBDA_PLATFORM = { os: 'linux', cpu: 'arm64', libc: 'glibc' } as const;

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

/** Whether a package's `os`/`cpu`/`libc` fields admit the platform (a native build for another one does not). */
function runsOn(pkg: Manifest, target: { os: string; cpu: string; libc: string }): boolean {
  return (!pkg.os || pkg.os.includes(target.os)) && (!pkg.cpu || pkg.cpu.includes(target.cpu)) && (!pkg.libc || pkg.libc.includes(target.libc));
}

/**
 * `name` and the installed packages it depends on (optional ones included: native builds are
 * optional dependencies), leaving out those built for another platform than `target`.
 */
export async function packageClosure(name: string, seen = new Set<string>(), target: { os: string; cpu: string; libc: string } | undefined = undefined): Promise<Set<string>> {
  if (seen.has(name)) return seen;
  const manifest = await readFile(path.join(REPOSITORY_ROOT, 'node_modules', name, 'package.json'), 'utf8').catch(() => undefined);
  if (!manifest) return seen;
  const pkg = JSON.parse(manifest) as Manifest;
  if (target && !runsOn(pkg, target)) return seen;
  seen.add(name);
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) await packageClosure(dep, seen, target);
  return seen;
}

async function bytesOf(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir, { recursive: true })) {
    const s = await stat(path.join(dir, name));
    if (s.isFile()) total += s.size;
  }
  return total;
}

const RUNTIME_REQUIRE = /createRequire\(import\.meta\.url\)(?:\.resolve)?\((['"])([^'"]+)\1\)/g;
const WORKER_URL = /new URL\((['"])(\.\.?\/[^'"]+)\.ts\1, import\.meta\.url\)/g;
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Packages sources load by name at run time (`createRequire(import.meta.url)('highs')`), which esbuild cannot see. */
async function runtimeRequiresOf(sources: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const source of sources) for (const m of (await readFile(source, 'utf8')).matchAll(RUNTIME_REQUIRE)) found.add(packageOf(m[2]!));
  return [...found];
}

/** Source files sources start as worker threads by URL (`new Worker(new URL(<a relative .ts path>, import.meta.url))`; written without quotes here, since the build scans the text). */
async function workersOf(sources: string[]): Promise<{ from: string; ref: string }[]> {
  const out = new Map<string, { from: string; ref: string }>();
  for (const source of sources) {
    for (const m of (await readFile(source, 'utf8')).matchAll(WORKER_URL)) {
      const from = path.resolve(path.dirname(source), `${m[2]}.ts`);
      if ((await stat(from).catch(() => undefined))?.isFile()) out.set(m[2]!, { from, ref: m[2]! });
    }
  }
  return [...out.values()];
}

const sourcesOf = (metafile: esbuild.Metafile) =>
  Object.keys(metafile.inputs)
    .filter((p) => p.endsWith('.ts') && !p.includes('node_modules'))
    .map((p) => path.resolve(REPOSITORY_ROOT, p));

/**
 * Bundles each worker thread the bundle starts by URL beside it as `<name>.js` (the same length
 * as `.ts`, so the source map's columns still hold) and points the bundle's URLs at them.
 * Returns the workers' metafiles (their imports count as the function's).
 */
async function bundleWorkers(outdir: string, sources: string[]): Promise<esbuild.Metafile[]> {
  const workers = await workersOf(sources);
  if (workers.length === 0) return [];
  const index = path.join(outdir, 'index.mjs');
  let code = await readFile(index, 'utf8');
  const metafiles: esbuild.Metafile[] = [];
  for (const w of workers) {
    const built = await esbuild.build({ ...lambdaEsbuildOptions(), entryPoints: [w.from], outfile: path.join(outdir, `${w.ref}.js`), metafile: true, absWorkingDir: REPOSITORY_ROOT });
    metafiles.push(built.metafile);
    for (const q of ['"', "'", '`']) code = code.replaceAll(`${q}${w.ref}.ts${q}`, `${q}${w.ref}.js${q}`);
  }
  await writeFile(index, code);
  // `.js` files here are ES modules.
  await writeFile(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
  return metafiles;
}

/**
 * Completes a function's folder after esbuild wrote `index.mjs` and its metafile there: bundles
 * the worker threads it starts, copies the assets its sources read and the unbundled packages
 * its code imports or requires by name, then removes the metafile. What `lambdaBundling()`'s
 * afterBundling hook runs.
 */
export async function completeBundle(outdir: string): Promise<Omit<LambdaBundle, 'file' | 'bytes' | 'sourceMapBytes'>> {
  const metafile = JSON.parse(await readFile(path.join(outdir, METAFILE), 'utf8')) as esbuild.Metafile;
  const workerMetafiles = await bundleWorkers(outdir, sourcesOf(metafile));
  const all = [metafile, ...workerMetafiles];
  const sources = [...new Set(all.flatMap(sourcesOf))];
  const assets = await assetsOf(sources);
  for (const a of assets) await cp(a.from, path.join(outdir, a.to));
  const nodeModules = [...new Set([...all.flatMap(unbundledImportsOf), ...(await runtimeRequiresOf(sources))])].sort();
  const closure = new Set<string>();
  for (const name of nodeModules) await packageClosure(name, closure, LAMBDA_PLATFORM);
  for (const name of closure) await cp(path.join(REPOSITORY_ROOT, 'node_modules', name), path.join(outdir, 'node_modules', name), { recursive: true, dereference: true });
  await rm(path.join(outdir, METAFILE));
  return { nodeModules, nodeModulesBytes: closure.size ? await bytesOf(path.join(outdir, 'node_modules')) : 0, assets };
}

/** Bundles `entry` into `outdir/index.mjs` with the functions' options, then completes the folder. */
export async function bundleLambda(entry: string, outdir: string, options: { bundleAwsSdk?: boolean } = {}): Promise<LambdaBundle> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const file = path.join(outdir, 'index.mjs');
  const built = await esbuild.build({ ...lambdaEsbuildOptions(options), entryPoints: [entry], outfile: file, metafile: true, absWorkingDir: REPOSITORY_ROOT });
  await writeFile(path.join(outdir, METAFILE), JSON.stringify(built.metafile));
  const completed = await completeBundle(outdir);
  return { file, bytes: (await stat(file)).size, sourceMapBytes: (await stat(`${file}.map`)).size, ...completed };
}

/**
 * NodejsFunction's `bundling` prop for every function: the options above, local esbuild (never
 * Docker), and an afterBundling hook running {@link completeBundle} on the function's folder.
 */
export function lambdaBundling(): BundlingOptions {
  const o = lambdaEsbuildOptions();
  const complete = path.join(REPOSITORY_ROOT, 'src', 'runtime', 'lambda', 'complete-bundle.ts');
  return {
    format: o.format as OutputFormat,
    target: o.target,
    minify: o.minify,
    sourceMap: true,
    sourceMapMode: 'default' as SourceMapMode,
    banner: o.banner.js,
    mainFields: [...o.mainFields],
    externalModules: [...o.external],
    metafile: true,
    forceDockerBundling: false,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_inputDir: string, outputDir: string) => [`cd ${JSON.stringify(REPOSITORY_ROOT)} && node --import tsx ${JSON.stringify(complete)} ${JSON.stringify(outputDir)}`],
    },
  };
}
