/**
 * The Lambda functions of the platform and the entry file of each, generated from the module
 * list (src/runtime/modules.ts): one function per module, plus the HTTP API authorizer, the IoT
 * custom authorizer and the migrations custom resource. A module added to the list gets its
 * function without hand-wiring.
 *
 * Contract with the CDK app (infra/): it calls `writeLambdaEntries()` — by default into
 * {@link DEFAULT_ENTRY_DIR}, `infra/cdk.out/.entries/` — and hands each written file to a
 * NodejsFunction as `entry`, with the esbuild options of `lambdaBundling()` (bundle.ts) and the
 * memory/timeout of `functionSettings(name)` (function-settings.ts). Each entry exports
 * `handler`. Imports are absolute paths into this repository, so the folder may be anywhere.
 *
 * A module's entry imports only that module, identity (whose face every module receives:
 * token verification, users, organisations) and the modules whose faces its sources read
 * (`ctx.faceOf('vehicles')`, found in its folder's text), so its bundle carries no other
 * module's code. Only those modules' faces run in its function.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_ENTRY_DIR = path.join(REPOSITORY_ROOT, 'infra', 'cdk.out', '.entries');

/** `module`: one module's API routes, subscriptions, tasks, timers, chores and IoT rule messages. */
export type LambdaEntryKind = 'module' | 'authorizer' | 'iot-authorizer' | 'migrate';

export interface LambdaEntry {
  /** The function's name: the module's name, `authorizer`, `iot-authorizer` or `migrate`. */
  name: string;
  kind: LambdaEntryKind;
  /** The TypeScript source of the entry file (`<name>.ts`). */
  source: string;
}

/**
 * A module of the list: how an entry file gets it. Most are imported from their index.ts; a
 * module composed in modules.ts (given another module's public face) is built there by one
 * `const x = create…(…);` line, which its entry repeats with the imports that line uses.
 */
export interface ListedModule {
  name: string;
  /** The identifier the list uses for the module. */
  exportName: string;
  /** Import lines and statements that define `exportName` in an entry file. */
  definition: string[];
  /** The listed modules whose faces its sources read (`ctx.faceOf('vehicles')`); none when absent. */
  faces?: string[];
}

/** The module that authenticates MQTT devices (IoT Core custom authorizer). */
export const DEVICE_MODULE = 'obd';

const MODULES_FILE = path.join(REPOSITORY_ROOT, 'src', 'runtime', 'modules.ts');
const IMPORT_LINE = /^import \{ ([\w, ]+) \} from '\.\.\/modules\/([a-z][a-z0-9-]*)\/index\.ts';$/gm;
const COMPOSED = /^const (\w+) = (\w+)\((.*)\);$/gm;
const LIST = /export const modules[^=]*=\s*\[([^\]]*)\]/;

const FACE_READ = /faceOf(?:<[^>]*>)?\(\s*'([a-z][a-z0-9-]*)'\s*\)/g;

/** The module names `ctx.faceOf('<name>')` reads in a module's sources (tests aside). */
function facesReadBy(module: string): string[] {
  const dir = path.join(REPOSITORY_ROOT, 'src', 'modules', module);
  const found = new Set<string>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    for (const m of readFileSync(path.join(dir, name), 'utf8').matchAll(FACE_READ)) if (m[1] !== module) found.add(m[1]!);
  }
  return [...found].sort();
}

const src = (...parts: string[]) => JSON.stringify(path.join(REPOSITORY_ROOT, 'src', ...parts));

/**
 * The modules of src/runtime/modules.ts in start order, read from its text (no module code
 * runs: the CDK app stays light). Throws when the list names a module it cannot trace to a
 * module folder.
 */
export function listedModules(source = readFileSync(MODULES_FILE, 'utf8'), facesOf: (module: string) => string[] = facesReadBy): ListedModule[] {
  const folderOf = new Map<string, string>();
  for (const m of source.matchAll(IMPORT_LINE)) for (const id of m[1]!.split(',')) folderOf.set(id.trim(), m[2]!);
  const composed = new Map([...source.matchAll(COMPOSED)].map((m) => [m[1]!, { factory: m[2]!, line: m[0] }]));
  const importOf = (id: string) => `import { ${id} } from ${src('modules', folderOf.get(id)!, 'index.ts')};`;
  const list = LIST.exec(source);
  if (!list) throw new Error('src/runtime/modules.ts has no `export const modules = [...]` list');
  return list[1]!
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((exportName) => {
      const direct = folderOf.get(exportName);
      if (direct) return { name: direct, exportName, definition: [importOf(exportName)], faces: facesOf(direct) };
      const made = composed.get(exportName);
      const name = made && folderOf.get(made.factory);
      if (!made || !name) throw new Error(`the module list names ${exportName}, which is neither imported from src/modules/<name>/index.ts nor built there by one create…(…) line`);
      const used = [...new Set(made.line.match(/\b[A-Za-z_]\w*\b/g) ?? [])].filter((id) => folderOf.has(id));
      return { name, exportName, definition: [...used.map(importOf), made.line], faces: facesOf(name) };
    });
}

const HEADER = '// Generated by src/runtime/lambda/entry-source.ts: do not edit.';

/** An entry file's text: the header, its import lines, then its statements. */
function entryFile(lines: string[]): string {
  const imports = [...new Set(lines.filter((l) => l.startsWith('import ')))];
  return [HEADER, ...imports, '', ...lines.filter((l) => !l.startsWith('import ')), ''].join('\n');
}

const lambdaImport = (file: string, names: string) => `import { ${names} } from ${src('runtime', 'lambda', file)};`;

/** Every function's entry: each listed module's, then the two authorizers' and the migrations'. */
export function lambdaEntries(modules: readonly ListedModule[] = listedModules()): LambdaEntry[] {
  const identity = modules[0];
  if (identity?.name !== 'identity') throw new Error('the module list must start with identity (it provides the identity face)');
  const withPlatform = [...identity.definition, lambdaImport('aws-platform.ts', 'openAwsPlatform')];
  const byName = new Map(modules.map((m) => [m.name, m]));
  const entries: LambdaEntry[] = modules.map((m) => {
    const faces = (m.faces ?? []).flatMap((f) => byName.get(f) ?? []);
    const faceList = faces.length ? `, faces: [${faces.map((f) => f.exportName).join(', ')}]` : '';
    return {
      name: m.name,
      kind: 'module',
      source: entryFile([
        ...withPlatform,
        ...faces.flatMap((f) => f.definition),
        ...m.definition,
        lambdaImport('module-handler.ts', 'createModuleHandler'),
        `export const handler = createModuleHandler(${m.exportName}, { identity: ${identity.exportName}${faceList}, openPlatform: openAwsPlatform });`,
      ]),
    };
  });
  entries.push({
    name: 'authorizer',
    kind: 'authorizer',
    source: entryFile([
      ...withPlatform,
      lambdaImport('authorizer.ts', 'createHttpAuthorizer'),
      `export const handler = createHttpAuthorizer({ identity: ${identity.exportName}, openPlatform: openAwsPlatform });`,
    ]),
  });
  const device = modules.find((m) => m.name === DEVICE_MODULE);
  if (device) {
    entries.push({
      name: 'iot-authorizer',
      kind: 'iot-authorizer',
      source: entryFile([
        ...withPlatform,
        ...device.definition,
        `import { commandTopic, dataTopic } from ${src('modules', device.name, 'device-service.ts')};`,
        `import { deviceIdOf } from ${src('modules', device.name, 'device-mqtt-access.ts')};`,
        lambdaImport('iot-authorizer.ts', 'createIotAuthorizer'),
        `export const handler = createIotAuthorizer(${device.exportName}, {`,
        `  identity: ${identity.exportName},`,
        '  openPlatform: openAwsPlatform,',
        '  device: (admitted) => {',
        '    const id = deviceIdOf(admitted);',
        '    return id === undefined ? undefined : { id, publish: [dataTopic(id)], subscribe: [commandTopic(id)] };',
        '  },',
        '});',
      ]),
    });
  }
  entries.push({
    name: 'migrate',
    kind: 'migrate',
    source: entryFile([
      `import { modules } from ${src('runtime', 'modules.ts')};`,
      lambdaImport('migrate-resource.ts', 'createMigrateResourceHandler'),
      lambdaImport('aws-database.ts', 'openAwsDatabase'),
      'export const handler = createMigrateResourceHandler({ modules, openDatabase: openAwsDatabase });',
    ]),
  });
  return entries;
}

/** A written entry: what the CDK app gives NodejsFunction. */
export interface WrittenEntry {
  name: string;
  kind: LambdaEntryKind;
  /** Absolute path of the entry file. */
  entry: string;
}

/** Writes every entry file into `dir` (created if missing) and lists them. */
export async function writeLambdaEntries(dir = DEFAULT_ENTRY_DIR): Promise<WrittenEntry[]> {
  await mkdir(dir, { recursive: true });
  const out: WrittenEntry[] = [];
  for (const e of lambdaEntries()) {
    const entry = path.join(path.resolve(dir), `${e.name}.ts`);
    await writeFile(entry, e.source);
    out.push({ name: e.name, kind: e.kind, entry });
  }
  return out;
}
