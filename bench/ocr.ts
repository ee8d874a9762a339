import os from 'node:os';
import { type CorpusDocument, generateCorpus } from '../src/modules/ocr/corpus/generate-corpus.ts';
import { assessCertificate } from '../src/modules/ocr/domain/assess-certificate.ts';
import { CERTIFICATE_CODES } from '../src/modules/ocr/domain/certificate-codes.ts';
import { readCertificateLayout } from '../src/modules/ocr/domain/layout-reader.ts';
import { editDistance } from '../src/modules/ocr/domain/makes.ts';
import { readFirstPage } from '../src/modules/ocr/read-page.ts';
import { createTesseractOcrEngine } from '../src/platform/adapters/local/tesseract-ocr-engine.ts';
import type { OcrEngine } from '../src/platform/ports/ocr-engine.ts';
import { type BenchResult, type BenchSize, figure, type RunOptions } from './figures.ts';

const FIELDS = ['plate', 'vin', 'make', 'model', 'firstRegistrationDate'] as const;
type Field = (typeof FIELDS)[number];
type Reading = Record<Field, string | null>;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
const CORES = os.availableParallelism();
// "Both cores used under concurrent load": 90% of every core, 1.8 on the 2 cores the targets name.
const TARGETS = { scanExact: 0.98, photoExact: 0.9, p50Ms: 800, p95Ms: 1200, coresUsed: round(0.9 * CORES, 2) };
const SIZES: Record<BenchSize, { docs: number; baselineDocs: number }> = { small: { docs: 16, baselineDocs: 8 }, full: { docs: 160, baselineDocs: 40 } };
const LONG_SIDE = Number(process.env.OCR_BENCH_LONG_SIDE ?? 2500);


/**
 * The baseline: tesseract as it comes (French + English, automatic page segmentation, the
 * image unprocessed) and the fields taken in line order — the word after each exact code on
 * its line, no repair, no make list.
 */
function lineOrderFields(text: string): Reading {
  const codes = new Set(Object.keys(CERTIFICATE_CODES));
  const found: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const tokens = line.trim().split(/\s+/);
    tokens.forEach((token, i) => {
      if (!codes.has(token) || found[token] !== undefined) return;
      const value: string[] = [];
      for (let j = i + 1; j < tokens.length && !codes.has(tokens[j] ?? ''); j++) value.push(tokens[j] ?? '');
      found[token] = value.join(' ');
    });
  }
  const date = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(found.B ?? '');
  return {
    plate: found.A ?? null,
    vin: found.E ?? null,
    make: found['D.1'] ?? null,
    model: found['D.3'] ?? null,
    firstRegistrationDate: date ? `${date[3]}-${date[2]}-${date[1]}` : null,
  };
}

interface Outcome {
  doc: CorpusDocument;
  reading: Reading;
  ms: number;
  status?: string;
}

/** Runs `read` over the documents with `concurrency` in flight, timing each from submission to answer. */
async function runAll(docs: readonly CorpusDocument[], concurrency: number, read: (doc: CorpusDocument) => Promise<{ reading: Reading; status?: string }>) {
  const outcomes: Outcome[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < docs.length) {
        const doc = docs[next++] as CorpusDocument;
        const t = performance.now();
        const { reading, status } = await read(doc);
        outcomes.push({ doc, reading, ms: performance.now() - t, ...(status ? { status } : {}) });
      }
    }),
  );
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  // The tesseract.js workers are threads of this process, and sharp's are too: the process's CPU
  // time over the phase's wall time is how many cores the phase kept busy.
  return { outcomes, wallMs, cpuMsPerDoc: cpuMs / docs.length, coresUsed: cpuMs / wallMs };
}

function score(outcomes: readonly Outcome[], wallMs: number, cpuMsPerDoc: number) {
  const exact = Object.fromEntries(FIELDS.map((f) => [f, round(outcomes.filter((o) => o.reading[f] === o.doc.truth.normalized[f]).length / outcomes.length)]));
  const allFields = outcomes.filter((o) => FIELDS.every((f) => o.reading[f] === o.doc.truth.normalized[f])).length / outcomes.length;
  let errors = 0;
  let chars = 0;
  for (const o of outcomes) {
    for (const f of FIELDS) {
      const truth = o.doc.truth.normalized[f];
      errors += editDistance(o.reading[f] ?? '', truth);
      chars += truth.length;
    }
  }
  const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const o of outcomes) if (o.status) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
  const misses = outcomes
    .flatMap((o) =>
      FIELDS.filter((f) => o.reading[f] !== o.doc.truth.normalized[f]).map((f) => `${o.doc.id} ${f}: ${o.doc.truth.normalized[f]} → ${o.reading[f]}`),
    )
    .slice(0, 12);
  return {
    documents: outcomes.length,
    exactMatch: exact,
    exactMatchMeanOfFields: round(FIELDS.reduce((s, f) => s + (exact[f] ?? 0), 0) / FIELDS.length),
    documentsWithAllFiveExact: round(allFields),
    characterErrorRate: round(errors / chars, 4),
    latencyMs: { p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)), max: Math.round(latencies.at(-1) ?? 0) },
    throughputDocsPerSecond: round(outcomes.length / (wallMs / 1000), 2),
    cpuMsPerDocument: Math.round(cpuMsPerDoc),
    ...(Object.keys(statuses).length ? { statuses } : {}),
    sampleMisses: misses,
  };
}

/**
 * `npm run bench -- ocr`: reads a generated corpus of registration certificates (half clean
 * scans, half phone photos) through the module's path (preprocessing, warm tesseract.js pool
 * with one worker per CPU, layout reader, repairs) with as many documents in flight as workers,
 * and a baseline in the same run: raw tesseract (fra+eng, no preprocessing) read in line order.
 * Besides accuracy and latency it reports the cores the reading kept busy (target: 90% of each).
 */
export async function runOcrBenchmark({ size, progress }: RunOptions): Promise<BenchResult> {
  const DOCS = Number(process.env.OCR_BENCH_DOCS ?? SIZES[size].docs);
  const BASELINE_DOCS = Number(process.env.OCR_BENCH_BASELINE_DOCS ?? SIZES[size].baselineDocs);
  const workers = CORES;
  const generationStarted = performance.now();
  const docs: CorpusDocument[] = [];
  for await (const doc of generateCorpus({ count: DOCS, seed: 2026 })) docs.push(doc);
  const generationMs = performance.now() - generationStarted;
  const loadBefore = os.loadavg();

  progress(`${docs.length} documents generated; reading them with ${workers} workers`);
  const engine: OcrEngine = await createTesseractOcrEngine({ languages: ['fra'], targetLongSide: LONG_SIDE, workers });
  const open = async () => engine;
  // Warm-up: the first job of each worker compiles its WASM paths.
  await Promise.all(docs.slice(0, workers).map((d) => readFirstPage(d.image, open, 'block')));
  const ours = await runAll(docs, workers, async (doc) => {
    const read = await readFirstPage(doc.image, open, 'block');
    const reading = assessCertificate(readCertificateLayout(read.page), read.page, '2026-12-01');
    const { plate, vin, make, model, firstRegistrationDate } = reading.normalized;
    return { reading: { plate, vin, make, model, firstRegistrationDate }, status: reading.status };
  });
  await engine.close();

  progress(`baseline: raw tesseract on ${BASELINE_DOCS} documents`);
  const baselineEngine = await createTesseractOcrEngine({ workers });
  const baselineDocs = docs.slice(0, BASELINE_DOCS);
  const baseline = await runAll(baselineDocs, workers, async (doc) => {
    const page = await baselineEngine.recognize(doc.image, { preprocess: 'none', layout: 'page' });
    return { reading: lineOrderFields(page.text) };
  });
  await baselineEngine.close();

  const byVariant = (run: typeof ours, variant: 'scan' | 'photo') => {
    const outcomes = run.outcomes.filter((o) => o.doc.variant === variant);
    return score(outcomes, (run.wallMs * outcomes.length) / run.outcomes.length, run.cpuMsPerDoc);
  };
  const result = {
    corpus: {
      documents: docs.length,
      scans: docs.filter((d) => d.variant === 'scan').length,
      photos: docs.filter((d) => d.variant === 'photo').length,
      seed: 2026,
      generationMs: Math.round(generationMs),
    },
    setup: { cores: CORES, workers, concurrency: workers, languages: 'fra', layout: 'block (PSM 6)', targetLongSide: LONG_SIDE },
    coresUsed: { ours: round(ours.coresUsed, 2), baseline: round(baseline.coresUsed, 2), how: 'process CPU time (user + system, all threads) / wall time of the concurrent reading phase' },
    loadAverage: { before: loadBefore.map((l) => round(l, 2)), after: os.loadavg().map((l) => round(l, 2)) },
    ours: { all: score(ours.outcomes, ours.wallMs, ours.cpuMsPerDoc), scans: byVariant(ours, 'scan'), photos: byVariant(ours, 'photo') },
    baseline: {
      what: 'tesseract.js fra+eng, PSM 3, image as given, fields in line order without repair',
      all: score(baseline.outcomes, baseline.wallMs, baseline.cpuMsPerDoc),
      scans: byVariant(baseline, 'scan'),
      photos: byVariant(baseline, 'photo'),
    },
    targets: TARGETS,
  };
  const scans = result.ours.scans;
  const photos = result.ours.photos;
  const all = result.ours.all;
  const base = result.baseline;
  const figures = [
    figure('scans: fields exactly right', scans.exactMatchMeanOfFields, '', {
      target: { op: '>=', value: TARGETS.scanExact },
      baseline: { name: 'raw tesseract', value: base.scans.exactMatchMeanOfFields },
    }),
    figure('photos: fields exactly right', photos.exactMatchMeanOfFields, '', {
      target: { op: '>=', value: TARGETS.photoExact },
      baseline: { name: 'raw tesseract', value: base.photos.exactMatchMeanOfFields },
    }),
    figure('latency per document, p50', all.latencyMs.p50, 'ms', {
      target: { op: '<=', value: TARGETS.p50Ms },
      baseline: { name: 'raw tesseract', value: base.all.latencyMs.p50 },
    }),
    figure('latency per document, p95', all.latencyMs.p95, 'ms', {
      target: { op: '<=', value: TARGETS.p95Ms },
      baseline: { name: 'raw tesseract', value: base.all.latencyMs.p95 },
    }),
    figure('CPU per document', all.cpuMsPerDocument, 'ms', { baseline: { name: 'raw tesseract', value: base.all.cpuMsPerDocument } }),
    figure('cores used under concurrent load', result.coresUsed.ours, 'cores', {
      target: { op: '>=', value: TARGETS.coresUsed },
      baseline: { name: 'raw tesseract', value: result.coresUsed.baseline },
      note: `${CORES} cores, ${workers} documents in flight; process CPU time / wall time while reading; other load on a shared machine lowers it`,
    }),
  ];
  return {
    figures,
    detail: {
      ...result,
      verdict: {
        scanExact: scans.exactMatchMeanOfFields >= TARGETS.scanExact ? 'met' : 'missed',
        photoExact: photos.exactMatchMeanOfFields >= TARGETS.photoExact ? 'met' : 'missed',
        p50: all.latencyMs.p50 <= TARGETS.p50Ms ? 'met' : 'missed',
        p95: all.latencyMs.p95 <= TARGETS.p95Ms ? 'met' : 'missed',
        coresUsed: result.coresUsed.ours >= TARGETS.coresUsed ? 'met' : 'missed',
      },
    },
  };
}
