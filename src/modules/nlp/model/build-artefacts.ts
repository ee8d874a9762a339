import { buildCorpus } from '../corpus/build-corpus.ts';
import { CORPUS_FILES, loadHandWritten } from '../corpus/load-corpus.ts';
import { EMBEDDED_MODEL_URL } from './embedded-text-model.ts';
import { trainModel } from './train-model.ts';

/**
 * What `npm run train:nlp` writes, from the sources: the corpus (templates + hand-written
 * examples, fixed split) and the embedded model trained on its train split. Deterministic, so
 * a test can tell when the committed artefact no longer matches the features and rules.
 */
export async function buildNlpArtefacts(): Promise<{ files: Array<[URL, string]>; examples: number; train: number; modelBytes: number }> {
  const { examples } = buildCorpus(await loadHandWritten());
  const corpus = `${examples.map((e) => JSON.stringify(e)).join('\n')}\n`;
  const train = examples.filter((e) => e.split === 'train');
  const artefact = trainModel(train);
  return {
    files: [
      [CORPUS_FILES.corpus, corpus],
      [EMBEDDED_MODEL_URL, artefact],
    ],
    examples: examples.length,
    train: train.length,
    modelBytes: artefact.length,
  };
}
