import type { FeatureVector } from './features.ts';

/** Settings of one training run; the same settings and data give the same weights, bit for bit. */
export interface TrainingOptions {
  buckets: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

/**
 * A softmax (multinomial logistic regression) head: score[class] = bias[class] + scale ×
 * Σ weights[feature * classes + class] × value. Trained heads hold floats (scale 1); loaded ones
 * keep the artefact's int8 weights as they are, so loading copies bytes instead of converting.
 */
export interface SoftmaxHead {
  classes: number;
  weights: Float32Array | Int8Array;
  scale: number;
  bias: Float32Array;
}

/** Mulberry32: a tiny seeded generator, so that shuffles are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Class probabilities of one example (softmax of the linear scores). */
export function softmaxScores(head: SoftmaxHead, x: FeatureVector, out = new Float64Array(head.classes)): Float64Array {
  const k = head.classes;
  out.fill(0);
  for (let i = 0; i < x.indexes.length; i++) {
    const base = x.indexes[i]! * k;
    const v = x.values[i]!;
    for (let c = 0; c < k; c++) out[c]! += head.weights[base + c]! * v;
  }
  for (let c = 0; c < k; c++) out[c] = head.bias[c]! + head.scale * out[c]!;
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, out[c]!);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    out[c] = Math.exp(out[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < k; c++) out[c]! /= sum;
  return out;
}

/**
 * Trains a softmax head by AdaGrad stochastic gradient descent with L2 decay on the touched
 * weights, classes weighted inversely to their frequency (the targets are macro-F1, so rare
 * classes count as much as common ones). Deterministic: the shuffle comes from `seed`.
 */
export function trainSoftmax(xs: readonly FeatureVector[], ys: readonly number[], classes: number, options: TrainingOptions): SoftmaxHead {
  const weights = new Float32Array(options.buckets * classes);
  const head: SoftmaxHead = { classes, weights, scale: 1, bias: new Float32Array(classes) };
  const gradSquares = new Float32Array(options.buckets * classes);
  const biasSquares = new Float32Array(classes);
  const counts = new Array<number>(classes).fill(0);
  for (const y of ys) counts[y]!++;
  const classWeight = counts.map((n) => (n > 0 ? ys.length / (classes * n) : 0));
  const random = seededRandom(options.seed);
  const order = xs.map((_, i) => i);
  const p = new Float64Array(classes);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const x = xs[n]!;
      const y = ys[n]!;
      softmaxScores(head, x, p);
      const w = classWeight[y]!;
      for (let c = 0; c < classes; c++) {
        const g = (p[c]! - (c === y ? 1 : 0)) * w;
        biasSquares[c]! += g * g;
        head.bias[c]! -= (options.learningRate * g) / Math.sqrt(biasSquares[c]! + 1e-8);
        for (let i = 0; i < x.indexes.length; i++) {
          const at = x.indexes[i]! * classes + c;
          const gw = g * x.values[i]! + options.l2 * weights[at]!;
          gradSquares[at]! += gw * gw;
          weights[at]! -= (options.learningRate * gw) / Math.sqrt(gradSquares[at]! + 1e-8);
        }
      }
    }
  }
  return head;
}
