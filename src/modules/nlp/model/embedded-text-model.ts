import { readFile } from 'node:fs/promises';
import { CATEGORIES, URGENCIES, type Category, type Urgency } from '../analysis/taxonomy.ts';
import { featureNames, hashFeatures } from './features.ts';
import { decodeArtefact, type LoadedHead } from './model-artefact.ts';
import { softmaxScores } from './softmax-trainer.ts';
import type { TextModel, TextPrediction } from './text-model.ts';

/** Where the versioned artefact lives, beside this file. */
export const EMBEDDED_MODEL_URL = new URL('./model.json', import.meta.url);

/**
 * The embedded adapter of the text-model port: the trained softmax heads, in-process. It reads
 * the raw text itself, as a hosted model would (the port takes the owner's words, nothing else).
 */
export class EmbeddedTextModel implements TextModel {
  private constructor(
    private readonly buckets: number,
    private readonly category: LoadedHead,
    private readonly urgency: LoadedHead,
  ) {}

  /** Builds the model from the artefact's JSON text. */
  static fromJson(json: string): EmbeddedTextModel {
    const { buckets, category, urgency } = decodeArtefact(json);
    return new EmbeddedTextModel(buckets, category, urgency);
  }

  /** Loads the versioned artefact (or another one, for tests and training runs). */
  static async load(url: URL = EMBEDDED_MODEL_URL): Promise<EmbeddedTextModel> {
    return EmbeddedTextModel.fromJson(await readFile(url, 'utf8'));
  }

  /** Synchronous scoring, for evaluation loops; `predict` is the port's form of it. */
  predictNow(text: string): TextPrediction {
    const names = featureNames(text);
    const c = softmaxScores(this.category, hashFeatures(names, this.buckets, this.category.groupWeights));
    const u = softmaxScores(this.urgency, hashFeatures(names, this.buckets, this.urgency.groupWeights));
    return {
      categoryScores: Object.fromEntries(CATEGORIES.map((k, i) => [k, c[i]!])) as Record<Category, number>,
      urgencyScores: Object.fromEntries(URGENCIES.map((k, i) => [k, u[i]!])) as Record<Urgency, number>,
    };
  }

  async predict(text: string): Promise<TextPrediction> {
    return this.predictNow(text);
  }
}
