/**
 * Prints the functions that took the most self time in a V8 CPU profile (a `.cpuprofile`
 * written by `node --cpu-prof`), as the closing notes of performance issues quote them:
 *
 *   npx tsx scripts/cpu-profile-top.ts <file.cpuprofile> [--top 10] [--by function|package] [--after <s>]
 *
 * Self time is the share of samples whose innermost frame is the function. `(idle)` (the thread
 * waiting for work) is left out of the ranking and of the shares: "busy" says how much of the
 * profile the thread worked, and each row's share is of that busy time. `--by package` adds the
 * rows up per npm package (our own sources count as `novaevo`, V8 and Node internals as what
 * they are). `--after` leaves out the first seconds of the profile (a server's start, when the
 * load came later).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { textTable } from '../src/cli/text-table.ts';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTimeRow {
  name: string;
  where: string;
  selfMs: number;
  /** Share of the busy (non-idle) time, 0 to 1. */
  share: number;
}

/** Where a frame's code comes from: the npm package, `novaevo` for our sources, or the URL's kind. */
export function packageOf(url: string): string {
  if (!url) return '(V8 / native)';
  const inModules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inModules) return inModules[1]!;
  if (url.startsWith('node:')) return 'node (internals)';
  if (url.startsWith('wasm://')) return '(wasm)';
  return 'novaevo';
}

function shortUrl(url: string, line: number): string {
  if (!url) return '';
  const trimmed = url
    .replace(/^file:\/\//, '')
    .replace(/^.*?node_modules\//, '')
    .replace(/^.*?\/(src|dist|bench|test)\//, '$1/');
  return line >= 0 ? `${trimmed}:${line + 1}` : trimmed;
}

/**
 * Self time per function (or per package), busiest first. A sample lasts until the next one
 * (`timeDeltas[i + 1]`); the last sample lasts until the profile's end.
 */
export function selfTimes(
  profile: CpuProfile,
  { by = 'function', afterMs = 0 }: { by?: 'function' | 'package'; afterMs?: number } = {},
): { busyMs: number; totalMs: number; rows: SelfTimeRow[] } {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const totals = new Map<string, { name: string; where: string; us: number }>();
  let totalUs = 0;
  let idleUs = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const us = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1]! : Math.max(0, profile.endTime - at);
    if (at - profile.startTime < afterMs * 1000) continue;
    totalUs += us;
    const frame = frames.get(profile.samples[i]!);
    if (!frame) continue;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const name = by === 'package' ? packageOf(frame.url) : frame.functionName || '(anonymous)';
    const where = by === 'package' ? '' : shortUrl(frame.url, frame.lineNumber);
    const key = `${name}\u0000${where}`;
    const row = totals.get(key) ?? { name, where, us: 0 };
    row.us += us;
    totals.set(key, row);
  }
  const busyUs = totalUs - idleUs;
  const rows = [...totals.values()]
    .sort((a, b) => b.us - a.us)
    .map((r) => ({ name: r.name, where: r.where, selfMs: r.us / 1000, share: busyUs > 0 ? r.us / busyUs : 0 }));
  return { busyMs: busyUs / 1000, totalMs: totalUs / 1000, rows };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '10' }, by: { type: 'string', default: 'function' }, after: { type: 'string', default: '0' } },
  });
  const file = positionals[0];
  if (!file || (values.by !== 'function' && values.by !== 'package')) {
    console.error('usage: npx tsx scripts/cpu-profile-top.ts <file.cpuprofile> [--top 10] [--by function|package] [--after <s>]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const { busyMs, totalMs, rows } = selfTimes(profile, { by: values.by, afterMs: Number(values.after) * 1000 });
  const top = rows.slice(0, Number(values.top));
  console.log(`${file}: ${(totalMs / 1000).toFixed(1)} s profiled, busy ${((busyMs / totalMs) * 100).toFixed(0)}% (shares below are of the busy time)`);
  console.log(
    textTable(
      values.by === 'package' ? ['#', 'package', 'self ms', 'self %'] : ['#', 'function', 'file', 'self ms', 'self %'],
      top.map((r, i) => [String(i + 1), r.name, ...(values.by === 'package' ? [] : [r.where]), r.selfMs.toFixed(0), (r.share * 100).toFixed(1)]),
    ),
  );
}
