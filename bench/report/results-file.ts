import { readFile } from 'node:fs/promises';
import type { BenchSize, Figure } from '../figures.ts';

export interface Machine {
  cpus: number;
  model: string | undefined;
  node: string;
  /** 1, 5 and 15 minute load averages when the benchmark started and ended. */
  loadavg_start: number[];
  loadavg_end: number[];
}

/** One benchmark's outcome in one run. */
export interface BenchRecord {
  description: string;
  started_at: string;
  seconds: number;
  size: BenchSize;
  machine: Machine;
  /** The timestamped file of the run it comes from. */
  run_file: string;
  figures: Figure[];
  error?: string;
}

/** bench/results/<timestamp>.json: every benchmark of one invocation, with its detail. */
export interface RunFile {
  started_at: string;
  finished_at: string;
  size: BenchSize;
  commit: string | undefined;
  benchmarks: Record<string, BenchRecord & { detail?: unknown }>;
}

/** bench/results/latest.json: the latest successful figures per benchmark, whatever run they come from. */
export interface LatestFile {
  updated_at: string;
  benchmarks: Record<string, BenchRecord>;
}

/** Folds a run into the latest figures: a benchmark that failed keeps its previous record. */
export function mergeLatest(previous: LatestFile | undefined, run: RunFile): LatestFile {
  const benchmarks: Record<string, BenchRecord> = { ...(previous?.benchmarks ?? {}) };
  for (const [name, { detail: _detail, ...record }] of Object.entries(run.benchmarks)) {
    if (record.error === undefined) benchmarks[name] = record;
  }
  const sorted = Object.fromEntries(Object.entries(benchmarks).sort(([a], [b]) => a.localeCompare(b)));
  return { updated_at: run.finished_at, benchmarks: sorted };
}

export async function readLatest(file: string): Promise<LatestFile | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LatestFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** `2026-12-01T11-42-07Z`: an ISO instant usable as a file name. */
export const timestampName = (at: Date) => `${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z`;
