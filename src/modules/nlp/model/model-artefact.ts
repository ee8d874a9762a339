import { z } from 'zod';
import { CATEGORIES, URGENCIES } from '../analysis/taxonomy.ts';
import type { GroupWeights } from './features.ts';
import type { SoftmaxHead, TrainingOptions } from './softmax-trainer.ts';

/** The artefact's format tag: bump it when the features or the layout change. */
const ARTEFACT_FORMAT = 'novaevo-nlp-softmax/1';

const headSchema = z.object({
  labels: z.array(z.string()),
  /** Feature-group weights this head was trained with (see features.ts). */
  groupWeights: z.record(z.string(), z.number()),
  scale: z.number().positive(),
  bias: z.array(z.number()),
  /** Int8 weights, base64, laid out weights[feature * classes + class]. */
  weights: z.string(),
});

/** The versioned, trained model: JSON with int8-quantised weights (small, and byte-stable). */
export const artefactSchema = z.object({
  format: z.literal(ARTEFACT_FORMAT),
  buckets: z.number().int().positive(),
  training: z.object({
    epochs: z.number(),
    learningRate: z.number(),
    l2: z.number(),
    seed: z.number(),
    examples: z.number().int(),
    corpusSha256: z.string(),
  }),
  heads: z.object({ category: headSchema, urgency: headSchema }),
});

/** The parsed artefact. */
export type ModelArtefact = z.infer<typeof artefactSchema>;

const round6 = (n: number) => Number(n.toPrecision(6));

/** A head ready to score: its weights and the feature-group weights it expects. */
export interface LoadedHead extends SoftmaxHead {
  groupWeights: GroupWeights;
}

function encodeHead(head: SoftmaxHead, labels: readonly string[], groupWeights: GroupWeights): ModelArtefact['heads']['category'] {
  let max = 0;
  for (const w of head.weights) max = Math.max(max, Math.abs(w * head.scale));
  const scale = round6(max > 0 ? max / 127 : 1);
  const q = new Int8Array(head.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round((head.weights[i]! * head.scale) / scale)));
  return { labels: [...labels], groupWeights: { ...groupWeights }, scale, bias: [...head.bias].map(round6), weights: Buffer.from(q.buffer).toString('base64') };
}

function decodeHead(head: ModelArtefact['heads']['category'], buckets: number): LoadedHead {
  const bytes = Buffer.from(head.weights, 'base64');
  const classes = head.labels.length;
  if (bytes.length !== buckets * classes || head.bias.length !== classes) throw new Error('model artefact: weight table has the wrong size');
  return { classes, weights: new Int8Array(bytes), scale: head.scale, bias: Float32Array.from(head.bias), groupWeights: head.groupWeights };
}

/** Serialises trained heads into the artefact's JSON text (same heads → same bytes). */
export function encodeArtefact(
  heads: { category: SoftmaxHead; urgency: SoftmaxHead },
  groupWeights: { category: GroupWeights; urgency: GroupWeights },
  training: TrainingOptions & { examples: number; corpusSha256: string },
): string {
  const artefact: ModelArtefact = {
    format: ARTEFACT_FORMAT,
    buckets: training.buckets,
    training: {
      epochs: training.epochs,
      learningRate: training.learningRate,
      l2: training.l2,
      seed: training.seed,
      examples: training.examples,
      corpusSha256: training.corpusSha256,
    },
    heads: { category: encodeHead(heads.category, CATEGORIES, groupWeights.category), urgency: encodeHead(heads.urgency, URGENCIES, groupWeights.urgency) },
  };
  return `${JSON.stringify(artefact)}\n`;
}

/** Parses and checks an artefact; throws when it is not one this code can run. */
export function decodeArtefact(json: string): { buckets: number; category: LoadedHead; urgency: LoadedHead } {
  const artefact = artefactSchema.parse(JSON.parse(json));
  const { category, urgency } = artefact.heads;
  if (category.labels.join() !== CATEGORIES.join() || urgency.labels.join() !== URGENCIES.join()) {
    throw new Error('model artefact: labels differ from the taxonomy');
  }
  return { buckets: artefact.buckets, category: decodeHead(category, artefact.buckets), urgency: decodeHead(urgency, artefact.buckets) };
}
