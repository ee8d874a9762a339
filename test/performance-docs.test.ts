import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { currentReadmeSection, generatedFiles, readmeSection } from '../bench/report/performance-docs.ts';
import { readLatest } from '../bench/report/results-file.ts';
import { INVOCATION_SOURCES } from '../src/cost/measured-invocations.ts';

// The committed README section, docs/performance.md and charts are what `npm run docs:performance`
// makes of the committed bench/results/latest.json: run it after a benchmark run.
describe('the performance documentation', async () => {
  const latest = (await readLatest('bench/results/latest.json'))!;
  const profile = await readFile('profiles/source-volumes.json', 'utf8');

  it('has a latest.json to be generated from', () => {
    expect(Object.keys(latest.benchmarks).length).toBeGreaterThan(0);
  });

  it("is in the README's performance section as the script generates it", async () => {
    expect(currentReadmeSection(await readFile('README.md', 'utf8'))).toBe(readmeSection(latest, profile));
  });

  it('is in docs/performance.md and docs/charts/ as the script generates them', async () => {
    for (const [file, content] of generatedFiles(latest, profile)) expect(await readFile(file, 'utf8'), file).toBe(content);
  });

  it('holds every figure the cost model reads its durations from', () => {
    for (const { benchmark, figure } of Object.values(INVOCATION_SOURCES)) {
      expect(latest.benchmarks[benchmark]?.figures.map((f) => f.name), benchmark).toContain(figure);
    }
  });
});
