import type { SparseModel } from './milp-model.ts';

/** A 0/1 point of the assignment model and its objective. */
export interface ModelPoint {
  colValue: Float64Array;
  objective: number;
}

/**
 * The assignment model seen as requests and capacity rows: rows `0..requests-1` are the "one per
 * request" rows (each candidate column's first entry), the rest capacity rows; columns from
 * `candidates` on are the "left out" variables.
 */
// No parameter properties here: the solver worker loads this file with Node's type stripping.
class AssignmentMatrix {
  readonly model: SparseModel;
  readonly candidates: number;
  readonly requests: number;
  readonly byRequest: number[][];

  constructor(model: SparseModel, candidates: number) {
    this.model = model;
    this.candidates = candidates;
    this.requests = model.numCols - candidates;
    this.byRequest = Array.from({ length: this.requests }, () => []);
    const { starts, indices } = model.matrix;
    for (let j = 0; j < candidates; j++) this.byRequest[indices[starts[j] as number] as number]?.push(j);
  }

  /** Adds `delta` to the room of every capacity row of column `j`. */
  shift(room: Float64Array, j: number, delta: number): void {
    const { starts, indices } = this.model.matrix;
    for (let k = (starts[j] as number) + 1; k < (starts[j + 1] as number); k++) room[indices[k] as number] = (room[indices[k] as number] as number) + delta;
  }

  fits(room: Float64Array, j: number): boolean {
    const { starts, indices } = this.model.matrix;
    for (let k = (starts[j] as number) + 1; k < (starts[j + 1] as number); k++) if ((room[indices[k] as number] as number) < 1 - 1e-9) return false;
    return true;
  }

  cost(j: number): number {
    return this.model.colCost[j] as number;
  }
}

/** Chosen column per request of a 0/1 vector. */
function chosenColumns(m: AssignmentMatrix, colValue: ArrayLike<number>): Int32Array {
  const chosen = new Int32Array(m.requests);
  for (let r = 0; r < m.requests; r++) chosen[r] = m.candidates + r;
  for (let j = 0; j < m.candidates; j++) {
    if ((colValue[j] ?? 0) >= 0.5) chosen[m.model.matrix.indices[m.model.matrix.starts[j] as number] as number] = j;
  }
  return chosen;
}

function toPoint(m: AssignmentMatrix, chosen: Int32Array): ModelPoint {
  const colValue = new Float64Array(m.model.numCols);
  let objective = 0;
  for (const j of chosen) {
    colValue[j] = 1;
    objective += m.cost(j);
  }
  return { colValue, objective };
}

/**
 * Turns an LP relaxation into a feasible 0/1 point: requests in `order`, each taking the
 * candidate the LP likes most (highest value, then cheapest) among those with room left.
 */
function round(m: AssignmentMatrix, order: ArrayLike<number>, relaxed: ArrayLike<number>): Int32Array {
  const room = Float64Array.from(m.model.rowUpper);
  const chosen = new Int32Array(m.requests);
  for (let r = 0; r < m.requests; r++) chosen[r] = m.candidates + r;
  for (let i = 0; i < order.length; i++) {
    const r = order[i] as number;
    const columns = [...(m.byRequest[r] ?? [])].sort((a, b) => (relaxed[b] ?? 0) - (relaxed[a] ?? 0) || m.cost(a) - m.cost(b));
    const j = columns.find((c) => m.fits(room, c));
    if (j === undefined) continue;
    m.shift(room, j, -1);
    chosen[r] = j;
  }
  return chosen;
}

/**
 * Places requests the rounding left out by moving one request out of the way: over the
 * left-out request's candidates, the requests whose job holds all the rows that block it, and
 * their other candidates with room, the combination that adds the least cost.
 */
function repair(m: AssignmentMatrix, chosen: Int32Array, order: ArrayLike<number>): Int32Array {
  const room = Float64Array.from(m.model.rowUpper);
  for (const j of chosen) if (j < m.candidates) m.shift(room, j, -1);
  const { starts, indices } = m.model.matrix;
  const rowsOf = (j: number) => Array.from(indices.subarray((starts[j] as number) + 1, starts[j + 1] as number));
  for (let i = 0; i < order.length; i++) {
    const r = order[i] as number;
    if ((chosen[r] as number) < m.candidates) continue;
    let best: { j: number; q: number; moveTo: number; delta: number } | undefined;
    for (const j of m.byRequest[r] ?? []) {
      if (m.fits(room, j)) {
        if (!best || m.cost(j) < best.delta) best = { j, q: -1, moveTo: -1, delta: m.cost(j) };
        continue;
      }
      const blocking = rowsOf(j).filter((row) => (room[row] as number) < 1 - 1e-9);
      for (let q = 0; q < m.requests; q++) {
        const held = chosen[q] as number;
        if (q === r || held >= m.candidates) continue;
        const heldRows = rowsOf(held);
        if (!blocking.every((row) => heldRows.includes(row))) continue;
        m.shift(room, held, 1);
        if (m.fits(room, j)) {
          m.shift(room, j, -1);
          for (const c of m.byRequest[q] ?? []) {
            const delta = m.cost(j) + m.cost(c) - m.cost(held);
            if (c !== held && (!best || delta < best.delta) && m.fits(room, c)) best = { j, q, moveTo: c, delta };
          }
          m.shift(room, j, 1);
        }
        m.shift(room, held, -1);
      }
    }
    if (!best) continue;
    if (best.q >= 0) {
      m.shift(room, chosen[best.q] as number, 1);
      m.shift(room, best.moveTo, -1);
      chosen[best.q] = best.moveTo;
    }
    m.shift(room, best.j, -1);
    chosen[r] = best.j;
  }
  return chosen;
}

/** Moves single requests to cheaper candidates that have room, until no move helps (a few passes). */
function improve(m: AssignmentMatrix, chosen: Int32Array, order: ArrayLike<number>): Int32Array {
  const room = Float64Array.from(m.model.rowUpper);
  for (const j of chosen) if (j < m.candidates) m.shift(room, j, -1);
  for (let pass = 0; pass < 4; pass++) {
    let moved = false;
    for (let i = 0; i < order.length; i++) {
      const r = order[i] as number;
      const current = chosen[r] as number;
      if (current < m.candidates) m.shift(room, current, 1);
      let best = current;
      for (const j of m.byRequest[r] ?? []) if (m.cost(j) < m.cost(best) - 1e-9 && m.fits(room, j)) best = j;
      if (best < m.candidates) m.shift(room, best, -1);
      if (best !== current) moved = true;
      chosen[r] = best;
    }
    if (!moved) break;
  }
  return chosen;
}

/**
 * The best 0/1 point this heuristic finds from an LP relaxation (`relaxed`) and, when given, a
 * feasible start: the relaxation rounded in two orders (`order`, and the requests the LP has
 * decided first), and the start itself, each improved by single moves to cheaper candidates,
 * with and without a repair first (left-out requests placed by moving one other out of the way).
 */
export function roundRelaxation(model: SparseModel, candidates: number, order: ArrayLike<number>, relaxed: ArrayLike<number>, start?: ArrayLike<number>): ModelPoint {
  const m = new AssignmentMatrix(model, candidates);
  const decided = new Float64Array(m.requests);
  for (let j = 0; j < candidates; j++) {
    const r = model.matrix.indices[model.matrix.starts[j] as number] as number;
    decided[r] = Math.max(decided[r] as number, relaxed[j] ?? 0);
  }
  const orderList = Array.from(order);
  const decidedFirst = [...orderList].sort((a, b) => Number((decided[b] as number) > 0.999) - Number((decided[a] as number) > 0.999));
  const tries = [round(m, orderList, relaxed), round(m, decidedFirst, relaxed)];
  if (start) tries.push(chosenColumns(m, start));
  let best: ModelPoint | undefined;
  for (const chosen of tries) {
    // With and without the repair: moving one request aside can also lead to a worse local optimum.
    for (const variant of [improve(m, chosen.slice(), orderList), improve(m, repair(m, chosen.slice(), orderList), orderList)]) {
      const point = toPoint(m, variant);
      if (!best || point.objective < best.objective) best = point;
    }
  }
  return best as ModelPoint;
}
