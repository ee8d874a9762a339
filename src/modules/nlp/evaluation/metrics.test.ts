import { describe, expect, it } from 'vitest';
import { classificationReport } from './metrics.ts';

describe('classificationReport', () => {
  it('computes per-class F1, the macro average over present classes and the confusion matrix', () => {
    const r = classificationReport(['a', 'b', 'c'] as const, ['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(r.confusion).toEqual({ a: { a: 1, b: 1, c: 0 }, b: { a: 0, b: 2, c: 0 }, c: { a: 0, b: 0, c: 0 } });
    expect(r.perClass.a).toEqual({ precision: 1, recall: 0.5, f1: 0.6667, support: 2 });
    expect(r.perClass.b).toEqual({ precision: 0.6667, recall: 1, f1: 0.8, support: 2 });
    expect(r.macroF1).toBe(0.7333);
    expect(r.accuracy).toBe(0.75);
  });
});
