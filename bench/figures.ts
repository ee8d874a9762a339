/**
 * The result shape every benchmark returns: a list of figures, each with its target and the
 * baseline measured in the same run, beside the benchmark's own detail.
 */

/** `small` finishes in well under a minute per benchmark on a shared machine; `full` is the size the targets name. */
export type BenchSize = 'small' | 'full';

export interface RunOptions {
  size: BenchSize;
  /** One line of progress (the runner writes it to stderr). */
  progress(message: string): void;
}

/** A bound on the figure's value, or on its ratio to the baseline (`of: 'ratio'`). */
export interface Target {
  op: '<=' | '>=';
  value: number;
  of?: 'value' | 'ratio';
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: Target;
  baseline?: { name: string; value: number };
  /** value / baseline value. */
  ratio?: number;
  /** Absent when there is no target, or when the target applies at full size only and this run was small. */
  met?: boolean;
  note?: string;
}

export interface BenchResult {
  figures: Figure[];
  detail: Record<string, unknown>;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export interface FigureOptions {
  target?: Target;
  baseline?: { name: string; value: number };
  /** The target names a load only `--full` reaches: pass the run's size; a small run reports the figure without judging it. */
  targetAtFullSize?: BenchSize;
  note?: string;
}

/** A figure, with its ratio to the baseline and whether it meets its target. */
export function figure(name: string, value: number, unit: string, options: FigureOptions = {}): Figure {
  const { target, baseline, targetAtFullSize, note } = options;
  const ratio = baseline && baseline.value !== 0 && Number.isFinite(value) ? round(value / baseline.value, 3) : undefined;
  const judged = target && (target.of === 'ratio' ? ratio : value);
  const judgeable = target !== undefined && judged !== undefined && targetAtFullSize !== 'small';
  const met = judgeable ? (target.op === '<=' ? judged <= target.value : judged >= target.value) : undefined;
  const sizeNote = target && targetAtFullSize === 'small' ? 'target applies at full size (--full)' : undefined;
  const notes = [note, sizeNote].filter(Boolean).join('; ');
  return {
    name,
    value,
    unit,
    ...(target ? { target } : {}),
    ...(baseline ? { baseline } : {}),
    ...(ratio !== undefined ? { ratio } : {}),
    ...(met !== undefined ? { met } : {}),
    ...(notes ? { note: notes } : {}),
  };
}

/** Added by the runner to every result: the peak resident memory of the benchmark's own process (servers it spawns are not counted). */
export const PEAK_MEMORY_FIGURE = 'peak memory of the benchmark process (RSS)';

export const isBenchResult = (x: unknown): x is BenchResult =>
  typeof x === 'object' && x !== null && Array.isArray((x as BenchResult).figures) && typeof (x as BenchResult).detail === 'object';
