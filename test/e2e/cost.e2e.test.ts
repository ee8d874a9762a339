import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNovaevo } from '../support/process.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-cost-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cost(...args: string[]) {
  const run = runNovaevo(['cost', ...args], {});
  const code = await run.exited;
  return { code, stdout: run.lines.filter((l) => !run.stderr.includes(l)).join('\n'), stderr: run.stderr.join('\n') };
}

describe('novaevo cost', () => {
  it('prints the estimate per module beside the source figures and writes the chart', async () => {
    const results = path.join(dir, 'latest.json');
    await writeFile(results, JSON.stringify({ benchmarks: { nlp: { figures: [{ name: 'analysis CPU time, p50', value: 2, unit: 'ms' }] } } }));
    const svg = path.join(dir, 'cost.svg');
    const { code, stdout, stderr } = await cost('--profile', 'profiles/source-volumes.json', '--results', results, '--svg', svg);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^kbis +\$[\d,.]+ +[\d,.]+ € +280 € +850 €/m);
    expect(stdout).toMatch(/^total +\$/m);
    expect(stdout).toMatch(/nlp_analysis +2 ms +bench nlp: analysis CPU time, p50/);
    expect(stdout).toMatch(/Defaults used \(no benchmark figure\): api_call/);
    expect(stderr).toContain(`chart written to ${svg}`);
    const chart = await readFile(svg, 'utf8');
    expect(chart.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const module of ['kbis', 'ocr', 'nlp', 'flash', 'planning', 'affiliation', 'obd']) expect(chart).toContain(`>${module}</text>`);
  });

  it('answers a bad profile with the field at fault and exit code 2', async () => {
    const profile = path.join(dir, 'bad.json');
    await writeFile(profile, JSON.stringify({ name: 'bad', modules: { kbis: { requests_per_day: -5 } } }));
    const { code, stderr } = await cost('--profile', profile);
    expect(code).toBe(2);
    expect(stderr).toContain(`novaevo: ${profile}: modules.kbis.requests_per_day: `);
    expect(stderr).not.toMatch(/\n\s+at /); // one line, no stack trace
  });

  it('says so when there are no benchmark figures, and estimates from the defaults', async () => {
    const { code, stdout, stderr } = await cost('--profile', 'profiles/source-volumes.json', '--results', path.join(dir, 'none.json'), '--json');
    expect(code).toBe(0);
    expect(stderr).toContain('every duration and memory below is a default');
    const { estimate, invocations } = JSON.parse(stdout);
    expect(Object.values(invocations).every((i: any) => i.measured === false)).toBe(true);
    expect(estimate.total_usd).toBeGreaterThan(0);
  });

  it('answers a missing profile file with exit code 2', async () => {
    const { code, stderr } = await cost('--profile', path.join(dir, 'absent.json'));
    expect(code).toBe(2);
    expect(stderr).toContain('absent.json: no such file');
  });
});
