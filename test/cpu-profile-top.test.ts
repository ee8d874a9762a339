import { describe, expect, it } from 'vitest';
import { type CpuProfile, packageOf, selfTimes } from '../scripts/cpu-profile-top.ts';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });

/** Samples 1 ms apart: `(idle)` twice, `parse` (pglite) three times, `handle` (ours) once. */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(idle)') },
    { id: 2, callFrame: frame('parse', 'file:///app/node_modules/@electric-sql/pglite/dist/index.js') },
    { id: 3, callFrame: frame('handle', 'file:///app/dist/server-X.js') },
  ],
  startTime: 0,
  endTime: 6000,
  samples: [1, 2, 2, 3, 2, 1],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000],
};

describe('cpu-profile-top', () => {
  it('ranks self time of the busy samples, idle left out', () => {
    const { busyMs, totalMs, rows } = selfTimes(profile);
    expect(totalMs).toBe(6);
    expect(busyMs).toBe(4);
    expect(rows.map((r) => [r.name, r.selfMs, r.share])).toEqual([
      ['parse', 3, 0.75],
      ['handle', 1, 0.25],
    ]);
  });

  it('adds rows up per package, and skips the first seconds when asked', () => {
    expect(selfTimes(profile, { by: 'package' }).rows.map((r) => r.name)).toEqual(['@electric-sql/pglite', 'novaevo']);
    expect(selfTimes(profile, { afterMs: 2.5 }).rows.map((r) => [r.name, r.selfMs])).toEqual([
      ['handle', 1],
      ['parse', 1],
    ]);
    expect([packageOf(''), packageOf('node:fs'), packageOf('wasm://wasm/1'), packageOf('file:///a/node_modules/pino/lib/x.js')]).toEqual([
      '(V8 / native)',
      'node (internals)',
      '(wasm)',
      'pino',
    ]);
  });
});
