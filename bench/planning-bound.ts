import { createRequire } from 'node:module';
import { urgencyFirst, type Choice } from '../src/modules/planning/optimizer/greedy.ts';
import { waitCost, type PlanningInstance } from '../src/modules/planning/optimizer/instance.ts';

// highs ships CommonJS types for both builds; its CommonJS build is the loader function itself.
const loadHighs: typeof import('highs').default = createRequire(import.meta.url)('highs');

/**
 * The LP relaxation of the assignment model over every candidate (every professional in the
 * radius, every feasible start), by column generation: no assignment of the instance does
 * better, whatever the optimiser's pruning. Starts from the urgency-first greedy's columns and
 * adds, round after round, up to 5 columns a request whose reduced cost (wait cost minus the
 * request's dual and the duals of the capacity buckets the job takes) is negative, until none
 * is. Slow (seconds): for explaining a missed target, not part of any timed figure.
 */
export async function relaxationBound(instance: PlanningInstance): Promise<{ meanPerRequest: number; columns: number; rounds: number }> {
  const highs = await loadHighs();
  const R = instance.requests.length;
  const buckets = instance.buckets;
  // One row per request (= 1), then one per (professional, bucket) any candidate touches (≤ free bays).
  const rowOfCell = new Map<number, number>();
  const rowUpper: number[] = [];
  const rowsOf = (c: Choice): number[] => {
    const opt = instance.nearby[c.request]![c.option]!;
    const [first, last] = buckets.span(c.start, c.start + opt.occupiedMs);
    const rows = [c.request];
    for (let k = first; k <= last; k++) {
      const cell = opt.pro * buckets.count + k;
      let row = rowOfCell.get(cell);
      if (row === undefined) {
        row = R + rowUpper.length;
        rowOfCell.set(cell, row);
        rowUpper.push(Math.max(0, buckets.freeAt(opt.pro, k)));
      }
      rows.push(row);
    }
    return rows;
  };
  instance.nearby.forEach((options, r) => {
    options.forEach((opt, o) => {
      for (const start of opt.starts) rowsOf({ request: r, option: o, start });
    });
  });
  const numRows = R + rowUpper.length;
  const model = highs.createModel();
  try {
    model.passModel({
      numCols: R, numRows,
      colCost: Float64Array.from(instance.penalty), colLower: new Float64Array(R), colUpper: new Float64Array(R).fill(1),
      rowLower: Float64Array.from({ length: numRows }, (_, i) => (i < R ? 1 : Number.NEGATIVE_INFINITY)),
      rowUpper: Float64Array.from({ length: numRows }, (_, i) => (i < R ? 1 : (rowUpper[i - R] as number))),
      matrix: { format: 'csc', numRows, numCols: R, starts: Int32Array.from({ length: R + 1 }, (_, i) => i), indices: Int32Array.from({ length: R }, (_, i) => i), values: new Float64Array(R).fill(1) },
    });
    model.options.set({ output_flag: false, presolve: 'off' });
    const seen = new Set<string>();
    let columns = 0;
    const add = (list: Choice[]) => {
      const starts: number[] = [];
      const indices: number[] = [];
      for (const c of list) {
        seen.add(`${c.request}:${c.option}:${c.start}`);
        starts.push(indices.length);
        indices.push(...rowsOf(c));
      }
      starts.push(indices.length);
      model.addCols({
        cost: Float64Array.from(list, (c) => waitCost(instance.requests[c.request]!, c.start)), lower: new Float64Array(list.length), upper: new Float64Array(list.length).fill(1),
        matrix: { format: 'csc', numRows, numCols: list.length, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: new Float64Array(indices.length).fill(1) },
      });
      columns += list.length;
    };
    add(urgencyFirst(instance));
    for (let rounds = 1; ; rounds++) {
      model.run();
      const dual = model.getSolution().rowDual;
      const priced: Choice[] = [];
      instance.nearby.forEach((options, r) => {
        const negative: Array<[number, Choice]> = [];
        options.forEach((opt, o) => {
          for (const start of opt.starts) {
            const c = { request: r, option: o, start };
            let reduced = waitCost(instance.requests[r]!, start);
            for (const row of rowsOf(c)) reduced -= dual[row] as number;
            if (reduced < -1e-7 && !seen.has(`${r}:${o}:${start}`)) negative.push([reduced, c]);
          }
        });
        negative.sort((a, b) => a[0] - b[0]);
        for (const [, c] of negative.slice(0, 5)) priced.push(c);
      });
      if (priced.length === 0) return { meanPerRequest: model.getObjectiveValue() / R, columns, rounds };
      add(priced);
    }
  } finally {
    model.dispose();
  }
}
