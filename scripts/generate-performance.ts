/**
 * `npm run docs:performance`: regenerates docs/performance.md, the charts in docs/charts/ and
 * the README's performance section from bench/results/latest.json, so that none of them drifts
 * from the measurements. test/performance-docs.test.ts checks the committed ones.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles, readmeSection, withReadmeSection } from '../bench/report/performance-docs.ts';
import { readLatest } from '../bench/report/results-file.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const latest = await readLatest(path.join(ROOT, 'bench/results/latest.json'));
if (!latest) {
  console.error('no bench/results/latest.json: run npm run bench first');
  process.exit(2);
}
const profile = await readFile(path.join(ROOT, 'profiles/source-volumes.json'), 'utf8');
const files = generatedFiles(latest, profile);
const readme = path.join(ROOT, 'README.md');
files.set('README.md', withReadmeSection(await readFile(readme, 'utf8'), readmeSection(latest, profile)));
for (const [file, content] of files) {
  const target = path.join(ROOT, file);
  const before = await readFile(target, 'utf8').catch(() => undefined);
  if (before === content) continue;
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, content);
  console.log(`wrote ${file}`);
}
