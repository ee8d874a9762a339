import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { figure } from '../bench/figures.ts';
import { type BenchRecord, mergeLatest, type RunFile } from '../bench/report/results-file.ts';
import { renderBarChart } from '../src/charts/bar-chart-svg.ts';

const record = (figures: BenchRecord['figures'], extra: Partial<BenchRecord> = {}): BenchRecord => ({
  description: 'd',
  started_at: '2026-12-01T10:00:00.000Z',
  seconds: 1,
  size: 'small',
  machine: { cpus: 2, model: 'x', node: 'v22', loadavg_start: [1, 1, 1], loadavg_end: [1, 1, 1] },
  run_file: 'r.json',
  figures,
  ...extra,
});

describe('a benchmark figure', () => {
  it('judges its value, or its ratio to the baseline, against its target', () => {
    expect(figure('rate', 120, 'req/s', { target: { op: '>=', value: 100 }, baseline: { name: 'bare', value: 200 } })).toEqual({
      name: 'rate',
      value: 120,
      unit: 'req/s',
      target: { op: '>=', value: 100 },
      baseline: { name: 'bare', value: 200 },
      ratio: 0.6,
      met: true,
    });
    expect(figure('rate', 120, 'req/s', { target: { op: '>=', value: 0.7, of: 'ratio' }, baseline: { name: 'bare', value: 200 } }).met).toBe(false);
    expect(figure('p99', 12, 'ms', { target: { op: '<=', value: 10 } }).met).toBe(false);
  });

  it('leaves a full-size target unjudged on a small run, and says so', () => {
    const f = figure('readings', 1600, 'readings/s', { target: { op: '>=', value: 20_000 }, targetAtFullSize: 'small' });
    expect(f.met).toBeUndefined();
    expect(f.note).toContain('--full');
    expect(figure('readings', 21_000, 'readings/s', { target: { op: '>=', value: 20_000 }, targetAtFullSize: 'full' }).met).toBe(true);
  });

  it('meets a target exactly when the comparison holds', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('<=' as const, '>=' as const), (value, bound, op) => {
        expect(figure('f', value, '', { target: { op, value: bound } }).met).toBe(op === '<=' ? value <= bound : value >= bound);
      }),
    );
  });
});

describe('latest.json', () => {
  const run = (benchmarks: RunFile['benchmarks'], at = '2026-12-01T12:00:00.000Z'): RunFile => ({ started_at: at, finished_at: at, size: 'small', commit: 'abc', benchmarks });

  it('takes each benchmark of a run, without its detail, and keeps the others', () => {
    const before = mergeLatest(undefined, run({ a: { ...record([figure('x', 1, 'ms')]), detail: { big: true } }, b: record([figure('y', 2, 'ms')]) }));
    expect(before.benchmarks.a).not.toHaveProperty('detail');
    const after = mergeLatest(before, run({ a: record([figure('x', 3, 'ms')]) }, '2026-12-02T00:00:00.000Z'));
    expect(after.benchmarks.a!.figures[0]!.value).toBe(3);
    expect(after.benchmarks.b!.figures[0]!.value).toBe(2);
    expect(after.updated_at).toBe('2026-12-02T00:00:00.000Z');
  });

  it('keeps the previous figures of a benchmark that failed', () => {
    const before = mergeLatest(undefined, run({ a: record([figure('x', 1, 'ms')]) }));
    const after = mergeLatest(before, run({ a: record([], { error: 'boom' }) }));
    expect(after.benchmarks.a!.figures[0]!.value).toBe(1);
  });
});

describe('a bar chart', () => {
  it('escapes its labels and draws a bar per value', () => {
    const svg = renderBarChart({
      title: 'A <b> & "c"',
      scale: 'shared',
      groups: [{ label: 'g<1>', bars: [{ label: 'x', value: 2, display: '2 €', tone: 'measured' }, { label: 'y', value: 0, display: '0 €', tone: 'baseline' }] }],
      legend: [],
    });
    expect(svg).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).toContain('>g&lt;1&gt;</text>');
    expect(svg).not.toContain('<b>');
    expect(svg.match(/<rect x="260"/g)).toHaveLength(2);
  });
});
