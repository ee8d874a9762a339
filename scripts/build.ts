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
const sourcesKeepTheirUrl: esbuild.Plugin = {
  name: 'sources-keep-their-url',
  setup(build) {
    // A bundled file's import.meta.url would name the bundle: code that finds files beside
    // itself (package.json, *.asl.json) gets its own source file's URL, relative to dist/.
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const fromOut = path.relative(OUT, args.path).split(path.sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`), loader: 'ts' };
    });
  },
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
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: OUT,
    // One folder for entry and chunks: the rewritten import.meta.url is relative to it.
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    // Split at dynamic imports, so `novaevo --help` loads no more than the command definitions.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [sourcesKeepTheirUrl],
  });
  for (const file of result.outputFiles) {
    const exists = await stat(file.path).then(
      () => true,
      () => false,
    );
    if (!exists) await writeAtomically(file.path, file.contents);
  }
  const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === 'src/cli/main.ts')![0];
  const inputs: Record<string, number> = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const { mtimeMs } = await stat(path.join(ROOT, input));
    // A file saved while esbuild read it may be bundled in its old state: mark it stale.
    inputs[input] = mtimeMs >= startedAt ? -1 : mtimeMs;
  }
  const manifest: BuildManifest = { entry: path.relative(OUT, path.join(ROOT, entry)), inputs };
  await writeAtomically(MANIFEST, `${JSON.stringify(manifest, null, 1)}\n`);
  await pruneOldFiles(new Set(result.outputFiles.map((f) => f.path)));
  return path.join(OUT, manifest.entry);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const entry = await buildCli();
  process.stdout.write(`novaevo: built ${path.relative(ROOT, entry)}\n`);
  const { ensurePgliteTemplate } = await import('../src/platform/adapters/local/pglite-template.ts');
  process.stdout.write(`novaevo: PGlite template ready in ${path.relative(ROOT, await ensurePgliteTemplate())}\n`);
}
