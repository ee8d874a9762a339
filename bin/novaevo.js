#!/usr/bin/env node
// Runs the built command line (dist/, made by `npm install` / `npm ci` through scripts/build.ts)
// when it is fresh: loading it costs a fraction of compiling the sources through tsx. When a
// source changed since, it rebuilds first (well under a second); when building is impossible,
// or NOVAEVO_FROM_SOURCE=1, it runs the TypeScript sources through tsx.
import { readFileSync, statSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// glibc gives each thread that allocates a malloc arena of its own and seldom returns their free
// pages: with the PGlite worker, libuv's pool and V8's helper threads that was ~75 MB of an idle
// `novaevo start`, where two arenas hold the same in ~25 MB less. glibc reads the variable when a
// process starts, so `start` runs itself again in place (same pid and stdio, ~30 ms) with it set;
// set MALLOC_ARENA_MAX yourself to choose another value (other C libraries ignore it).
if (process.argv[2] === 'start' && process.platform === 'linux' && process.env.MALLOC_ARENA_MAX === undefined && typeof process.execve === 'function') {
  process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], { ...process.env, MALLOC_ARENA_MAX: '2' });
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/** The built entry when dist/build.json exists and no file bundled into it changed since. */
function freshBuild() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dist, 'build.json'), 'utf8'));
  } catch {
    return undefined;
  }
  for (const [input, mtimeMs] of Object.entries(manifest.inputs)) {
    if (statSync(path.join(root, input), { throwIfNoEntry: false })?.mtimeMs !== mtimeMs) return undefined;
  }
  const entry = path.join(dist, manifest.entry);
  return statSync(entry, { throwIfNoEntry: false }) ? entry : undefined;
}

async function rebuild() {
  try {
    const { register } = await import('tsx/esm/api');
    const unregister = register();
    const { buildCli } = await import('../scripts/build.ts');
    const entry = await buildCli();
    await unregister();
    return entry;
  } catch (err) {
    const reason = String(err?.message ?? err).replace(/\s*\n\s*/g, ' ');
    process.stderr.write(`novaevo: could not build the command line (${reason}); running the sources through tsx, which starts slower\n`);
    return undefined;
  }
}

async function fromSource() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}

// V8 keeps the compiled code of the bundle and of node_modules between runs (Node >= 22.1).
module.enableCompileCache?.();
process.setSourceMapsEnabled(true);
const entry = process.env.NOVAEVO_FROM_SOURCE === '1' ? undefined : (freshBuild() ?? (await rebuild()));
const { main } = entry ? await import(pathToFileURL(entry).href) : await fromSource();
await main(process.argv);
