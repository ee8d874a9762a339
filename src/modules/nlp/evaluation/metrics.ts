/** Per-class and macro-averaged F1 with the confusion matrix, for one classification task. */
export interface ClassificationReport<L extends string> {
  accuracy: number;
  macroF1: number;
  perClass: Record<L, { precision: number; recall: number; f1: number; support: number }>;
  /** confusion[gold][predicted] = count. */
  confusion: Record<L, Record<L, number>>;
}

const round = (n: number) => Math.round(n * 10000) / 10000;

/** Scores predictions against gold labels over a fixed label set (absent classes are skipped in the macro average). */
export function classificationReport<L extends string>(labels: readonly L[], gold: readonly L[], predicted: readonly L[]): ClassificationReport<L> {
  const confusion = Object.fromEntries(labels.map((g) => [g, Object.fromEntries(labels.map((p) => [p, 0]))])) as Record<L, Record<L, number>>;
  gold.forEach((g, i) => {
    confusion[g][predicted[i]!]++;
  });
  const perClass = {} as ClassificationReport<L>['perClass'];
  const f1s: number[] = [];
  for (const label of labels) {
    const tp = confusion[label][label];
    const support = labels.reduce((n, p) => n + confusion[label][p], 0);
    const predictedCount = labels.reduce((n, g) => n + confusion[g][label], 0);
    const precision = predictedCount > 0 ? tp / predictedCount : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[label] = { precision: round(precision), recall: round(recall), f1: round(f1), support };
    if (support > 0) f1s.push(f1);
  }
  const correct = gold.filter((g, i) => g === predicted[i]).length;
  return {
    accuracy: round(gold.length > 0 ? correct / gold.length : 0),
    macroF1: round(f1s.length > 0 ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0),
    perClass,
    confusion,
  };
}
