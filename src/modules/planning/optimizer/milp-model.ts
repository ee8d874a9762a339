import type { Choice } from './greedy.ts';
import { waitCost, type PlanningInstance } from './instance.ts';

/** The solver's input in HiGHS's sparse form (what `highs.createModel` takes), plain data that can cross to a worker. */
export interface SparseModel {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  matrix: { format: 'csc'; numRows: number; numCols: number; starts: Int32Array; indices: Int32Array; values: Float64Array };
  integrality: Int32Array;
}

/** The MILP plus what it takes to read its answer back. */
export interface AssignmentModel {
  model: SparseModel;
  /** Column j < columns.length is "request r at option o, start s"; then one "unassigned" column per request. */
  columns: Choice[];
  /** A feasible starting point (the seed choices), one value per column. */
  warmStart: Float64Array;
}

/** Indices 0, 1, 2, 4, 7, 11, 16, …: dense at the start, where waiting is cheapest, sparser later. */
function spreadIndices(length: number, take: number): number[] {
  const out: number[] = [];
  for (let i = 0, step = 1; i < length && out.length < take; i += step, step += i < 2 ? 0 : 1) out.push(i);
  return out;
}

/**
 * The assignment MILP. Variables: x[r,c] ∈ {0,1} for each candidate (professional, start) of
 * request r, and u[r] ∈ [0,1] for leaving r out. Minimise Σ weight_r × wait_rc × x[r,c] +
 * Σ penalty_r × u[r], subject to Σ_c x[r,c] + u[r] = 1 for every request and, for every
 * professional p and time bucket k, Σ x[r,c] over candidates at p whose job + buffer touches k
 * ≤ bays still free in k. Candidates are pruned: the `maxPros` professionals in the radius that
 * can start soonest (the objective is time only; on a tie the nearer), and per professional a
 * spread of starts (every grid step at first, then wider), plus
 * every seed choice, so the seeds (the greedy answers) are always feasible points of the model.
 * Capacity rows that cannot bind (fewer candidates than free bays) or that a neighbouring
 * bucket's row implies (the same jobs or more, no more free bays) are left out.
 */
export function buildAssignmentModel(instance: PlanningInstance, seeds: readonly Choice[][], maxCandidatesPerRequest: number, maxPros = 8): AssignmentModel {
  const R = instance.requests.length;
  const columns: Choice[] = [];
  const seen = new Set<string>();
  const add = (c: Choice) => {
    const key = `${c.request}:${c.option}:${c.start}`;
    if (seen.has(key)) return;
    seen.add(key);
    columns.push(c);
  };
  for (let r = 0; r < R; r++) {
    // The objective counts time only, so the professionals that can start soonest come first, the nearer on a tie.
    const options = (instance.nearby[r] ?? []).map((opt, o) => ({ opt, o })).sort((a, b) => (a.opt.starts[0] as number) - (b.opt.starts[0] as number) || a.opt.distanceKm - b.opt.distanceKm).slice(0, maxPros);
    const perPro = Math.max(1, Math.floor(maxCandidatesPerRequest / Math.max(1, options.length)));
    for (const { opt, o } of options) {
      for (const i of spreadIndices(opt.starts.length, perPro)) add({ request: r, option: o, start: opt.starts[i] as number });
    }
  }
  for (const seed of seeds) for (const c of seed) add(c);
  columns.sort((a, b) => a.request - b.request || a.option - b.option || a.start - b.start);

  // Which buckets each column touches, and how many columns compete for each (professional, bucket).
  const buckets = instance.buckets;
  const spans = columns.map((c) => {
    const opt = instance.nearby[c.request]?.[c.option];
    if (!opt) throw new Error('column without its option');
    const [first, last] = buckets.span(c.start, c.start + opt.occupiedMs);
    return { pro: opt.pro, first, last };
  });
  const demand = new Map<number, number>();
  const startsAt = new Set<number>();
  const endsAt = new Set<number>();
  const key = (pro: number, k: number) => pro * buckets.count + k;
  for (const s of spans) {
    for (let k = s.first; k <= s.last; k++) demand.set(key(s.pro, k), (demand.get(key(s.pro, k)) ?? 0) + 1);
    startsAt.add(key(s.pro, s.first));
    endsAt.add(key(s.pro, s.last));
  }
  const rowOf = new Map<number, number>();
  const rowUpperList: number[] = [];
  for (const [cell, count] of [...demand.entries()].sort((a, b) => a[0] - b[0])) {
    const pro = Math.floor(cell / buckets.count);
    const k = cell % buckets.count;
    const free = buckets.freeAt(pro, k);
    if (count <= free) continue;
    // A bucket whose jobs all go on into the next one, which has no more free bays, adds nothing
    // to the next bucket's row (and likewise, strictly, with the bucket before).
    if (!endsAt.has(cell) && k + 1 < buckets.count && free >= buckets.freeAt(pro, k + 1)) continue;
    if (!startsAt.has(cell) && k > 0 && free > buckets.freeAt(pro, k - 1)) continue;
    rowOf.set(cell, R + rowUpperList.length);
    rowUpperList.push(Math.max(0, free));
  }

  const numRows = R + rowUpperList.length;
  const numCols = columns.length + R;
  const starts = new Int32Array(numCols + 1);
  const indices: number[] = [];
  const colCost = new Float64Array(numCols);
  columns.forEach((c, j) => {
    starts[j] = indices.length;
    indices.push(c.request);
    const s = spans[j] as { pro: number; first: number; last: number };
    for (let k = s.first; k <= s.last; k++) {
      const row = rowOf.get(key(s.pro, k));
      if (row !== undefined) indices.push(row);
    }
    colCost[j] = waitCost(instance.requests[c.request]!, c.start);
  });
  for (let r = 0; r < R; r++) {
    starts[columns.length + r] = indices.length;
    indices.push(r);
    colCost[columns.length + r] = instance.penalty[r] as number;
  }
  starts[numCols] = indices.length;

  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  for (let r = 0; r < R; r++) {
    rowLower[r] = 1;
    rowUpper[r] = 1;
  }
  rowUpperList.forEach((u, i) => {
    rowLower[R + i] = Number.NEGATIVE_INFINITY;
    rowUpper[R + i] = u;
  });
  const integrality = new Int32Array(numCols);
  integrality.fill(1, 0, columns.length);

  const warmStart = new Float64Array(numCols);
  const placed = new Set<number>();
  const index = new Map(columns.map((c, j) => [`${c.request}:${c.option}:${c.start}`, j]));
  for (const c of seeds[0] ?? []) {
    const j = index.get(`${c.request}:${c.option}:${c.start}`);
    if (j !== undefined) {
      warmStart[j] = 1;
      placed.add(c.request);
    }
  }
  for (let r = 0; r < R; r++) if (!placed.has(r)) warmStart[columns.length + r] = 1;

  return {
    model: {
      numCols,
      numRows,
      colCost,
      colLower: new Float64Array(numCols),
      colUpper: new Float64Array(numCols).fill(1),
      rowLower,
      rowUpper,
      matrix: { format: 'csc', numRows, numCols, starts, indices: Int32Array.from(indices), values: new Float64Array(indices.length).fill(1) },
      integrality,
    },
    columns,
    warmStart,
  };
}

/** Reads the chosen candidates out of a solution vector (x ≥ 0.5), at most one per request. */
export function choicesFromSolution(model: AssignmentModel, colValue: ArrayLike<number>): Choice[] {
  const out: Choice[] = [];
  const taken = new Set<number>();
  model.columns.forEach((c, j) => {
    if ((colValue[j] ?? 0) >= 0.5 && !taken.has(c.request)) {
      taken.add(c.request);
      out.push(c);
    }
  });
  return out;
}
