import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleLambda, lambdaBundling } from './bundle.ts';
import { REPOSITORY_ROOT, writeLambdaEntries } from './entry-source.ts';

describe('Lambda bundles', () => {
  it("bundles a module's entry into one ESM file that runs in a fresh node process, with its assets and unbundled packages beside it", async () => {
    const scratch = await mkdtemp(path.join(REPOSITORY_ROOT, '.cache', 'bundle-test-'));
    try {
      const flash = (await writeLambdaEntries(path.join(scratch, 'entries'))).find((e) => e.name === 'flash')!;
      const outdir = path.join(scratch, 'flash');
      const bundle = await bundleLambda(flash.entry, outdir);
      expect(bundle.assets.map((a) => a.to)).toEqual(['flash-job.asl.json']);
      expect(existsSync(path.join(outdir, 'flash-job.asl.json'))).toBe(true);
      expect(bundle.nodeModules).toContain('@node-rs/argon2');
      for (const name of bundle.nodeModules) {
        const installed = existsSync(path.join(REPOSITORY_ROOT, 'node_modules', name, 'package.json'));
        expect(existsSync(path.join(outdir, 'node_modules', name, 'package.json')), name).toBe(installed);
      }
      expect(existsSync(path.join(outdir, 'index.meta.json'))).toBe(false);
      // Loaded (its top level creates the handler), then asked something it does not handle: refused before any platform opens.
      const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle.file).href)});
try { await handler({ hello: 'world' }, { getRemainingTimeInMillis: () => 1000 }); } catch (e) { process.stdout.write(e.name); }`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH, POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' }, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('UnrecognisedInvocation');
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }, 120_000);

  it("bundles the worker threads a module starts by URL beside it, and copies what they require by name", async () => {
    const scratch = await mkdtemp(path.join(REPOSITORY_ROOT, '.cache', 'bundle-test-'));
    try {
      const planning = (await writeLambdaEntries(path.join(scratch, 'entries'))).find((e) => e.name === 'planning')!;
      const outdir = path.join(scratch, 'planning');
      const bundle = await bundleLambda(planning.entry, outdir);
      const code = await readFile(bundle.file, 'utf8');
      expect(code).toContain('"./solver-worker.js"');
      expect(code).not.toContain('"./solver-worker.ts"');
      expect(existsSync(path.join(outdir, 'solver-worker.js'))).toBe(true);
      expect(JSON.parse(await readFile(path.join(outdir, 'package.json'), 'utf8'))).toEqual({ type: 'module' });
      // HiGHS is loaded by name in the worker; the API's docs read swagger-ui-dist's folder.
      expect(bundle.nodeModules).toEqual(expect.arrayContaining(['highs', 'swagger-ui-dist', 'asl-validator']));
      expect(existsSync(path.join(outdir, 'node_modules', 'highs', 'package.json'))).toBe(true);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }, 120_000);

  it("gives NodejsFunction the same options, and a hook that completes each function's folder", () => {
    const b = lambdaBundling();
    expect(b).toMatchObject({ format: 'esm', target: 'node22', minify: true, sourceMap: true, metafile: true });
    expect(b.externalModules).toContain('@aws-sdk/*');
    expect(b.externalModules).toContain('@node-rs/argon2');
    expect(b.commandHooks!.afterBundling('/in', '/asset-output')[0]).toMatch(/complete-bundle\.ts" "\/asset-output"$/);
  });
});
