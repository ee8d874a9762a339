import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modules } from '../modules.ts';
import { lambdaEntries, listedModules, writeLambdaEntries } from './entry-source.ts';
import { functionSettings } from './function-settings.ts';

describe('Lambda entries from the module list', () => {
  it('reads the modules of src/runtime/modules.ts, in order, without running them', () => {
    expect(listedModules().map((m) => m.name)).toEqual(modules.map((m) => m.name));
  });

  it('gives each module an entry importing only identity and that module (plus what modules.ts composes it with)', () => {
    const entries = lambdaEntries();
    const listed = new Map(listedModules().map((m) => [m.name, m]));
    expect(entries.map((e) => e.name)).toEqual([...modules.map((m) => m.name), 'authorizer', 'iot-authorizer', 'migrate']);
    for (const e of entries.filter((x) => x.kind === 'module')) {
      const imported = [...e.source.matchAll(/from "([^"]+)"/g)].map((m) => m[1]!);
      const moduleFolders = new Set(imported.filter((p) => p.includes('/src/modules/')).map((p) => /\/src\/modules\/([^/]+)\//.exec(p)![1]));
      const composedWith = e.name === 'obd' || e.name === 'nlp' ? ['planning'] : e.name === 'planning' ? ['nlp'] : [];
      const allowed = new Set(['identity', e.name, ...composedWith, ...(listed.get(e.name)!.faces ?? [])]);
      expect([...moduleFolders].every((f) => allowed.has(f!)), `${e.name} imports ${[...moduleFolders].join(', ')}`).toBe(true);
      expect(e.source).toContain('export const handler = createModuleHandler(');
    }
  });

  it("finds the faces a module's sources read, and hands them to its function", () => {
    const listed = new Map(listedModules().map((m) => [m.name, m]));
    expect(listed.get('ocr')!.faces).toEqual(['vehicles']);
    expect(listed.get('vehicles')!.faces).toEqual([]);
    expect(lambdaEntries().find((e) => e.name === 'ocr')!.source).toContain('faces: [vehiclesModule]');
  });

  it('follows a composed module to its folder, and refuses a list entry it cannot trace', () => {
    const source = [
      "import { identityModule } from '../modules/identity/index.ts';",
      "import { createThingModule, thingFace } from '../modules/thing/index.ts';",
      'const thingModule = createThingModule({ face: (db) => thingFace(db) });',
      'export const modules: readonly PlatformModule[] = [identityModule, thingModule];',
    ].join('\n');
    const [, thing] = listedModules(source, () => []);
    expect(thing).toMatchObject({ name: 'thing', exportName: 'thingModule' });
    expect(thing!.definition.at(-1)).toBe('const thingModule = createThingModule({ face: (db) => thingFace(db) });');
    expect(() => listedModules(source.replace('[identityModule, thingModule]', '[identityModule, ghostModule]'), () => [])).toThrow(/ghostModule/);
  });

  it('writes entry files that load and export a handler; every function has memory and timeout settings', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-entries-'));
    try {
      const written = await writeLambdaEntries(dir);
      for (const w of written) {
        expect(await readFile(w.entry, 'utf8')).toBe(lambdaEntries().find((e) => e.name === w.name)!.source);
        const loaded = (await import(w.entry)) as { handler: unknown };
        expect(typeof loaded.handler, w.name).toBe('function');
        const s = functionSettings(w.name);
        expect(s.memoryMb).toBeGreaterThanOrEqual(128);
        expect(s.memoryMb).toBeLessThanOrEqual(10_240);
        expect(s.timeoutSeconds).toBeLessThanOrEqual(900);
      }
      expect(functionSettings('ocr').memoryMb).toBeGreaterThan(functionSettings('vehicles').memoryMb);
      expect(functionSettings('affiliation').timeoutSeconds).toBeLessThan(functionSettings('kbis').timeoutSeconds);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
