/**
 * `npm run train:nlp`: rebuilds the NLP corpus (templates + hand-written examples, fixed split)
 * into src/modules/nlp/corpus/corpus.jsonl and trains the embedded text model on its train split
 * into src/modules/nlp/model/model.json. Deterministic: run it twice, get the same bytes.
 * `--check` only verifies that the committed files are what the sources produce.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { buildNlpArtefacts } from '../src/modules/nlp/model/build-artefacts.ts';

const check = process.argv.includes('--check');
const started = performance.now();
const built = await buildNlpArtefacts();

if (check) {
  const stale = [];
  for (const [url, text] of built.files) if ((await readFile(url, 'utf8').catch(() => '')) !== text) stale.push(url.pathname);
  if (stale.length > 0) {
    console.error(`out of date (run npm run train:nlp): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log('corpus and model are up to date');
} else {
  for (const [url, text] of built.files) await writeFile(url, text);
  console.log(
    `corpus: ${built.examples} examples (${built.train} train, ${built.examples - built.train} test); model: ${(built.modelBytes / 1024).toFixed(0)} KiB; ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
