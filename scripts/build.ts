/**
 * Builds the `novaevo` command line into `dist/` (an esbuild bundle of the sources, run by
 * bin/novaevo.js instead of the tsx loader) and the PGlite template cluster new data folders are
 * copied from. `npm install` / `npm ci` run it (the `prepare` script); bin/novaevo.js runs it
 * again when a source changed since. `node --import tsx scripts/build.ts` by hand.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist');
/** Read by bin/novaevo.js: the entry file, and the mtime of every source bundled into it. */
export const MANIFEST = path.join(OUT, 'build.json');
// Files of an earlier build are kept this long: a process started from it may still import a chunk.
const KEEP_OLD_FILES_MS = 24 * 3600_000;

export interface BuildManifest {
  entry: string;
  /** Path (from the repository root) → mtime in ms; -1 for a file that changed while building. */
  inputs: Record<string, number>;
}

// Every package stays external (loaded from node_modules as under tsx). Native and WASM ones
// must (their .node / .wasm files sit beside their JS), and so must those that read their own
// files at run time (pino's transports run in worker threads by file name, swagger-ui-dist
// serves its folder). Bundling the pure-JS rest was tried: it saved ~0.05 s of CPU per start and
// broke @hono/zod-openapi (its extension of zod landed on another copy of zod). What the bundle
// saves is tsx's compile of our sources and the resolution of our ~150 files.
// A source file started by URL, `new Worker(new URL('./x-thread.ts', import.meta.url))`, runs
// on its own: it is bundled first as an entry of its own, and the URL points at its output.
const SOURCE_URL = /new URL\((['"])(\.\.?\/[^'"]+\.ts)\1, import\.meta\.url\)/g;
const BUNDLE_URL = '__novaevo_bundle_url__';

/**
 * Rewrites `import.meta.url` in our sources. A bundled file's import.meta.url would name the
 * bundle: code that finds files beside itself (package.json, *.asl.json) gets its own source
 * file's URL, relative to dist/; a source file started by URL gets its output's, in `built`.
 */
function sourcesKeepTheirUrl(built: ReadonlyMap<string, string>): esbuild.Plugin {
  return {
    name: 'sources-keep-their-url',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const fromOut = path.relative(OUT, args.path).split(path.sep).join('/');
        const contents = text
          .replace(SOURCE_URL, (whole, _q: string, ref: string) => {
            const output = built.get(path.resolve(path.dirname(args.path), ref));
            return output ? `new URL(${JSON.stringify(`./${output}`)}, ${BUNDLE_URL})` : whole;
          })
          .replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`)
          .replaceAll(BUNDLE_URL, 'import.meta.url');
        return { contents, loader: 'ts' };
      });
    },
  };
}

/** Every source file (tests aside) that some source starts by URL. */
async function sourcesStartedByUrl(): Promise<string[]> {
  const found = new Set<string>();
  const src = path.join(ROOT, 'src');
  for (const name of await readdir(src, { recursive: true })) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    const file = path.join(src, name);
    for (const m of (await readFile(file, 'utf8')).matchAll(SOURCE_URL)) found.add(path.resolve(path.dirname(file), m[2]!));
  }
  return [...found].sort();
}

const COMMON: esbuild.BuildOptions = {
  absWorkingDir: ROOT,
  outdir: OUT,
  // One folder for entries and chunks: the rewritten URLs are relative to it.
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  write: false,
  logLevel: 'silent',
};

async function writeAtomically(file: string, contents: Uint8Array | string): Promise<void> {
  const scratch = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  await writeFile(scratch, contents);
  await rename(scratch, file);
}

async function pruneOldFiles(keep: Set<string>): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(OUT)) {
    const file = path.join(OUT, name);
    if (keep.has(file) || file === MANIFEST) continue;
    const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: now }));
    if (now - mtimeMs > KEEP_OLD_FILES_MS) await rm(file, { force: true });
  }
}

/**
 * Bundles src/cli/main.ts into `dist/` and returns the entry file's path. Safe to run by several
 * processes at once: files are named by their content hash and written by rename, and the
 * manifest is replaced last, so a reader sees either the old build or the whole new one.
 */
export async function buildCli(): Promise<string> {
  const startedAt = Date.now();
  await mkdir(OUT, { recursive: true });
  const startedByUrl = await sourcesStartedByUrl();
  const threads = startedByUrl.length ? await esbuild.build({ ...COMMON, entryPoints: startedByUrl, plugins: [sourcesKeepTheirUrl(new Map())] }) : undefined;
  const built = new Map<string, string>();
  for (const [output, o] of Object.entries(threads?.metafile?.outputs ?? {})) {
    if (o.entryPoint) built.set(path.join(ROOT, o.entryPoint), path.basename(output));
  }
  const result = await esbuild.build({
    ...COMMON,
    entryPoints: { cli: 'src/cli/main.ts' },
    // Split at dynamic imports, so `novaevo --help` loads no more than the command definitions.
    splitting: true,
    plugins: [sourcesKeepTheirUrl(built)],
  });
  const outputFiles = [...(threads?.outputFiles ?? []), ...(result.outputFiles ?? [])];
  for (const file of outputFiles) {
    const exists = await stat(file.path).then(
      () => true,
      () => false,
    );
    if (!exists) await writeAtomically(file.path, file.contents);
  }
  const entry = Object.entries(result.metafile?.outputs ?? {}).find(([, o]) => o.entryPoint === 'src/cli/main.ts')![0];
  const inputs: Record<string, number> = {};
  for (const input of new Set([...Object.keys(threads?.metafile?.inputs ?? {}), ...Object.keys(result.metafile?.inputs ?? {})])) {
    const { mtimeMs } = await stat(path.join(ROOT, input));
    // A file saved while esbuild read it may be bundled in its old state: mark it stale.
    inputs[input] = mtimeMs >= startedAt ? -1 : mtimeMs;
  }
  const manifest: BuildManifest = { entry: path.relative(OUT, path.join(ROOT, entry)), inputs };
  await writeAtomically(MANIFEST, `${JSON.stringify(manifest, null, 1)}\n`);
  await pruneOldFiles(new Set(outputFiles.map((f) => f.path)));
  return path.join(OUT, manifest.entry);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const entry = await buildCli();
  process.stdout.write(`novaevo: built ${path.relative(ROOT, entry)}\n`);
  const { ensurePgliteTemplate } = await import('../src/platform/adapters/local/pglite-template.ts');
  process.stdout.write(`novaevo: PGlite template ready in ${path.relative(ROOT, await ensurePgliteTemplate())}\n`);
}
