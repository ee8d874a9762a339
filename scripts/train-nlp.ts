/**
 * `npm run train:nlp`: rebuilds the NLP corpus (templates + hand-written examples, fixed split)
 * into src/modules/nlp/corpus/corpus.jsonl and trains the embedded text model on its train split
 * into src/modules/nlp/model/model.json. Deterministic: run it twice, get the same bytes.
 * `--check` only verifies that the committed files are what the sources produce.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { buildCorpus } from '../src/modules/nlp/corpus/build-corpus.ts';
import { CORPUS_FILES, loadHandWritten } from '../src/modules/nlp/corpus/load-corpus.ts';
import { EMBEDDED_MODEL_URL } from '../src/modules/nlp/model/embedded-text-model.ts';
import { trainModel } from '../src/modules/nlp/model/train-model.ts';

const check = process.argv.includes('--check');
const started = performance.now();
const { examples } = buildCorpus(await loadHandWritten());
const corpus = examples.map((e) => JSON.stringify(e)).join('\n') + '\n';
const train = examples.filter((e) => e.split === 'train');
const artefact = trainModel(train);
const outputs: Array<[URL, string]> = [
  [CORPUS_FILES.corpus, corpus],
  [EMBEDDED_MODEL_URL, artefact],
];

if (check) {
  const stale = [];
  for (const [url, text] of outputs) if ((await readFile(url, 'utf8').catch(() => '')) !== text) stale.push(url.pathname);
  if (stale.length > 0) {
    console.error(`out of date (run npm run train:nlp): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log('corpus and model are up to date');
} else {
  for (const [url, text] of outputs) await writeFile(url, text);
  const test = examples.length - train.length;
  console.log(
    `corpus: ${examples.length} examples (${train.length} train, ${test} test); model: ${(artefact.length / 1024).toFixed(0)} KiB; ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
