import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateWeek } from '../generator/paris-week.ts';
import { firstComeFirstServed, urgencyFirst, urgencyOrder } from './greedy.ts';
import { buildInstance } from './instance.ts';
import { expandPoint, restrictToUndecided } from './fixed-model.ts';
import { roundRelaxation } from './lp-rounding.ts';
import { buildAssignmentModel } from './milp-model.ts';

const instance = buildInstance(generateWeek({ seed: 5, professionals: 6, requests: 60, days: 2 }));
const built = buildAssignmentModel(instance, [urgencyFirst(instance), firstComeFirstServed(instance)], 20, 5);
const { model } = built;
const order = Int32Array.from(urgencyOrder(instance));
const objectiveOf = (x: ArrayLike<number>) => Array.from(model.colCost).reduce((s, c, j) => s + c * (x[j] ?? 0), 0);

/** Row activities of a point, from the CSC matrix. */
function activities(x: ArrayLike<number>): Float64Array {
  const act = new Float64Array(model.numRows);
  for (let j = 0; j < model.numCols; j++) {
    for (let k = model.matrix.starts[j] as number; k < (model.matrix.starts[j + 1] as number); k++) act[model.matrix.indices[k] as number] = (act[model.matrix.indices[k] as number] as number) + (x[j] ?? 0);
  }
  return act;
}

describe('roundRelaxation', () => {
  it('returns a feasible 0/1 point no worse than its start, whatever the relaxation says', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: model.numCols, maxLength: model.numCols }), (relaxed) => {
        const point = roundRelaxation(model, built.columns.length, order, relaxed, built.warmStart);
        expect(point.colValue.every((v) => v === 0 || v === 1)).toBe(true);
        const act = activities(point.colValue);
        for (let i = 0; i < model.numRows; i++) {
          expect(act[i]).toBeGreaterThanOrEqual((model.rowLower[i] as number) - 1e-9);
          expect(act[i]).toBeLessThanOrEqual((model.rowUpper[i] as number) + 1e-9);
        }
        expect(point.objective).toBeCloseTo(objectiveOf(point.colValue), 6);
        expect(point.objective).toBeLessThanOrEqual(objectiveOf(built.warmStart) + 1e-9);
      }),
      { numRuns: 25 },
    );
  });
});

describe('restrictToUndecided', () => {
  it('keeps the requests the relaxation left open, and any answer of it expands to a feasible full answer', () => {
    // A relaxation that has "decided" the warm start's requests at random, the rest fractional.
    const decidedColumns = Array.from(built.warmStart.keys()).filter((j) => j < built.columns.length && built.warmStart[j] === 1);
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: decidedColumns.length, maxLength: decidedColumns.length }), fc.array(fc.double({ min: 0, max: 0.9, noNaN: true }), { minLength: model.numCols, maxLength: model.numCols }), (keep, noise) => {
        const relaxed = Float64Array.from(noise);
        for (const [i, j] of decidedColumns.entries()) if (keep[i]) relaxed[j] = 1;
        const restricted = restrictToUndecided(model, built.columns.length, relaxed);
        expect(restricted.fixed.length + restricted.originalRequest.length).toBe(instance.requests.length);
        const inner = roundRelaxation(restricted.model, restricted.candidates, Int32Array.from(restricted.originalRequest.keys()), Float64Array.from(restricted.originalColumn, (j) => relaxed[j] as number));
        const point = expandPoint(model, restricted, inner.colValue);
        const act = activities(point);
        for (let i = 0; i < model.numRows; i++) {
          expect(act[i]).toBeGreaterThanOrEqual((model.rowLower[i] as number) - 1e-9);
          expect(act[i]).toBeLessThanOrEqual((model.rowUpper[i] as number) + 1e-9);
        }
      }),
      { numRuns: 25 },
    );
  });
});
