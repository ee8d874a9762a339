import type { Figure, Target } from '../figures.ts';

/** A number as people read it: thousands separated, at most three significant decimals. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return n.toLocaleString('en-GB', { maximumFractionDigits: digits });
}

export const formatValue = (value: number, unit: string) => (unit ? `${formatNumber(value)} ${unit}` : formatNumber(value));

export function formatTarget(target: Target | undefined, unit: string): string {
  if (!target) return '';
  const op = target.op === '<=' ? '≤' : '≥';
  return target.of === 'ratio' ? `${op} ${formatNumber(target.value)}× baseline` : `${op} ${formatValue(target.value, unit)}`;
}

export const formatBaseline = (f: Figure) => (f.baseline ? `${f.baseline.name}: ${formatValue(f.baseline.value, f.unit)}` : '');

export const formatRatio = (f: Figure) => (f.ratio === undefined ? '' : `${formatNumber(f.ratio)}×`);

export const formatMet = (f: Figure) => (f.met === undefined ? (f.target ? 'not judged' : '') : f.met ? 'met' : 'missed');

/** The cells of one figure's row, in the order of {@link FIGURE_COLUMNS}. */
export const figureCells = (f: Figure) => [f.name, formatValue(f.value, f.unit), formatTarget(f.target, f.unit), formatBaseline(f), formatRatio(f), formatMet(f)];

export const FIGURE_COLUMNS = ['figure', 'value', 'target', 'baseline (same run)', 'ratio', 'verdict'];
