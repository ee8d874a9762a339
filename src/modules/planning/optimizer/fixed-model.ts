import type { SparseModel } from './milp-model.ts';

/** The assignment model with some requests decided, and how to map its columns back. */
export interface RestrictedModel {
  model: SparseModel;
  /** Candidate columns of the restricted model; its "left out" columns follow. */
  candidates: number;
  /** Original column of each restricted column. */
  originalColumn: Int32Array;
  /** Original request of each restricted request. */
  originalRequest: Int32Array;
  /** Original columns fixed at 1. */
  fixed: Int32Array;
}

/**
 * Fixes every request the LP relaxation has decided (a candidate at ≥ 0.999) to that candidate
 * and keeps the rest as a smaller MILP over the undecided requests, capacity rows lowered by
 * what the fixed jobs take. Any answer of the restricted model plus the fixed candidates is a
 * feasible answer of the full one (the LP's integral part fits by itself).
 */
export function restrictToUndecided(model: SparseModel, candidates: number, relaxed: ArrayLike<number>): RestrictedModel {
  const requests = model.numCols - candidates;
  const { starts, indices } = model.matrix;
  const requestOf = (j: number) => indices[starts[j] as number] as number;
  const decidedBy = new Int32Array(requests).fill(-1);
  for (let j = 0; j < candidates; j++) if ((relaxed[j] ?? 0) >= 0.999 && decidedBy[requestOf(j)] === -1) decidedBy[requestOf(j)] = j;

  const rowUpper = Float64Array.from(model.rowUpper);
  const fixed: number[] = [];
  for (const j of decidedBy) {
    if (j < 0) continue;
    fixed.push(j);
    for (let k = (starts[j] as number) + 1; k < (starts[j + 1] as number); k++) rowUpper[indices[k] as number] = (rowUpper[indices[k] as number] as number) - 1;
  }
  const originalRequest = Int32Array.from([...decidedBy.keys()].filter((r) => decidedBy[r] === -1));
  const newRequest = new Int32Array(requests).fill(-1);
  for (const [i, r] of originalRequest.entries()) newRequest[r] = i;
  const kept: number[] = [];
  for (let j = 0; j < candidates; j++) if (newRequest[requestOf(j)] !== -1) kept.push(j);
  const keptCandidates = kept.length;
  for (const r of originalRequest) kept.push(candidates + r);

  // Rows: the undecided requests' rows, then the capacity rows their candidates touch.
  const newRow = new Int32Array(model.numRows).fill(-1);
  for (const [i, r] of originalRequest.entries()) newRow[r] = i;
  const rowsKept: number[] = [...originalRequest];
  const newStarts = new Int32Array(kept.length + 1);
  const newIndices: number[] = [];
  kept.forEach((j, c) => {
    newStarts[c] = newIndices.length;
    for (let k = starts[j] as number; k < (starts[j + 1] as number); k++) {
      const row = indices[k] as number;
      if (newRow[row] === -1) {
        newRow[row] = rowsKept.length;
        rowsKept.push(row);
      }
      newIndices.push(newRow[row] as number);
    }
  });
  newStarts[kept.length] = newIndices.length;
  const numCols = kept.length;
  const numRows = rowsKept.length;
  const integrality = new Int32Array(numCols);
  integrality.fill(1, 0, keptCandidates);
  return {
    model: {
      numCols,
      numRows,
      colCost: Float64Array.from(kept, (j) => model.colCost[j] as number),
      colLower: new Float64Array(numCols),
      colUpper: new Float64Array(numCols).fill(1),
      rowLower: Float64Array.from(rowsKept, (i) => model.rowLower[i] as number),
      rowUpper: Float64Array.from(rowsKept, (i) => rowUpper[i] as number),
      matrix: { format: 'csc', numRows, numCols, starts: newStarts, indices: Int32Array.from(newIndices), values: new Float64Array(newIndices.length).fill(1) },
      integrality,
    },
    candidates: keptCandidates,
    originalColumn: Int32Array.from(kept),
    originalRequest,
    fixed: Int32Array.from(fixed),
  };
}

/** A restricted model's 0/1 point mapped back to the full model, fixed candidates included. */
export function expandPoint(full: SparseModel, restricted: RestrictedModel, colValue: ArrayLike<number>): Float64Array {
  const out = new Float64Array(full.numCols);
  for (const j of restricted.fixed) out[j] = 1;
  restricted.originalColumn.forEach((j, c) => {
    if ((colValue[c] ?? 0) >= 0.5) out[j] = 1;
  });
  return out;
}
