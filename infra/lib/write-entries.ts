import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LambdaEntry } from '../../src/runtime/lambda/entry-source.ts';

/**
 * Writes each entry file into `dir` and maps function names to their paths. A file whose text is
 * unchanged is left alone; a changed one is replaced whole (written beside, then renamed), so
 * test files synthesising at the same time never read half a file.
 */
export async function writeEntries(dir: string, entries: readonly LambdaEntry[]): Promise<Map<string, string>> {
  await mkdir(dir, { recursive: true });
  const out = new Map<string, string>();
  for (const e of entries) {
    const file = path.join(path.resolve(dir), `${e.name}.ts`);
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (current !== e.source) {
      const partial = `${file}.${process.pid}.partial`;
      await writeFile(partial, e.source);
      await rename(partial, file);
    }
    out.set(e.name, file);
  }
  return out;
}
