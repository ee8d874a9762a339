import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAsl } from '../src/platform/workflows/validate-asl.ts';

const root = path.resolve('src');
const aslFiles = (await readdir(root, { recursive: true }))
  .filter((file) => file.endsWith('.asl.json'))
  .sort();

describe('every *.asl.json under src/', () => {
  it('finds at least the sample workflow', () => {
    expect(aslFiles).toContain(path.join('platform', 'workflows', 'examples', 'document-review.asl.json'));
  });

  it.each(aslFiles)('%s is valid Amazon States Language', async (file) => {
    const definition = JSON.parse(await readFile(path.join(root, file), 'utf8')) as unknown;
    expect(validateAsl(definition)).toEqual([]);
  });
});
