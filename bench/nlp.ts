import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { analyzeProblem } from '../src/modules/nlp/analysis/analyze-problem.ts';
import { buildCorpus } from '../src/modules/nlp/corpus/build-corpus.ts';
import type { CorpusExample } from '../src/modules/nlp/corpus/corpus-example.ts';
import { CORPUS_FILES, loadBlindTest, loadCorpus, loadHandWritten } from '../src/modules/nlp/corpus/load-corpus.ts';
import { entityAccuracy, type EntityCase } from '../src/modules/nlp/evaluation/entity-accuracy.ts';
import { evaluate, type EvaluationReport } from '../src/modules/nlp/evaluation/evaluate.ts';
import { keywordBaseline } from '../src/modules/nlp/evaluation/keyword-baseline.ts';
import { EmbeddedTextModel } from '../src/modules/nlp/model/embedded-text-model.ts';
import type { TextModel } from '../src/modules/nlp/model/text-model.ts';
import { type BenchResult, type BenchSize, figure, type RunOptions } from './figures.ts';

// Latency rounds per text, and how many held-out texts are timed (all of them at full size).
const SIZES: Record<BenchSize, { rounds: number; texts: number }> = { small: { rounds: 1, texts: 300 }, full: { rounds: 3, texts: Number.POSITIVE_INFINITY } };
const TARGETS = { categoryMacroF1: 0.9, urgencyMacroF1: 0.85, criticalBelowHigh: 0, p95Ms: 10 };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const ms = (n: number) => Math.round(n * 1000) / 1000;

// Wall time counts the moments the OS gives the core to other processes (the bench machine is
// shared); CPU time is this process's own work per analysis; the best of three wall times per
// text is the latency an idle core would see. All three are reported.
async function latency(model: TextModel, texts: readonly string[], rounds: number) {
  for (const text of texts.slice(0, 200)) await analyzeProblem(text, {}, model); // warm-up, not measured
  const wall: number[] = [];
  const cpu: number[] = [];
  const bestWall: number[] = [];
  for (const text of texts) {
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < rounds; round++) {
      const t = performance.now();
      const c = process.cpuUsage();
      await analyzeProblem(text, {}, model);
      const used = process.cpuUsage(c);
      const elapsed = performance.now() - t;
      wall.push(elapsed);
      cpu.push((used.user + used.system) / 1000);
      best = Math.min(best, elapsed);
    }
    bestWall.push(best);
  }
  const figures = (times: number[]) => {
    times.sort((a, b) => a - b);
    return { p50_ms: ms(percentile(times, 50)), p95_ms: ms(percentile(times, 95)), p99_ms: ms(percentile(times, 99)), max_ms: ms(times.at(-1) ?? 0) };
  };
  return { analyses: wall.length, wall: figures(wall), cpu: figures(cpu), wall_best_round_per_text: figures(bestWall) };
}

const summary = (r: EvaluationReport) => ({
  examples: r.examples,
  category_macro_f1: r.category.macroF1,
  category_accuracy: r.category.accuracy,
  urgency_macro_f1: r.urgency.macroF1,
  urgency_accuracy: r.urgency.accuracy,
  model_only_urgency_macro_f1: r.modelOnlyUrgency.macroF1,
  critical_below_high: r.criticalBelowHigh,
  language_accuracy: r.languageAccuracy,
});

/**
 * `npm run bench -- nlp`: the embedded model through the whole analysis on the held-out split
 * (macro-F1 for category and urgency, confusion matrices, critical cases answered below high),
 * entity extraction accuracy, load time and latency, against a keyword-vote baseline (plus the
 * same safety rules) measured in the same run.
 */
export async function runNlpBenchmark({ size, progress }: RunOptions): Promise<BenchResult> {
  const loadStarted = performance.now();
  const model = await EmbeddedTextModel.load();
  const loadMs = performance.now() - loadStarted;
  const corpus = await loadCorpus();
  const test = corpus.filter((e) => e.split === 'test');
  const [modelReport, baselineReport] = [await evaluate(model, test), await evaluate(keywordBaseline, test)];
  const subset = async (keep: (e: CorpusExample) => boolean) => summary(await evaluate(model, test.filter(keep)));
  const bySource = { template: await subset((e) => e.source === 'template'), hand: await subset((e) => e.source === 'hand') };
  const byLanguage = {
    fr: await subset((e) => e.language === 'fr'),
    en: await subset((e) => e.language === 'en'),
    mixed: await subset((e) => e.language === 'mixed'),
  };
  const count = (key: 'language' | 'category' | 'urgency' | 'split') => {
    const n: Record<string, number> = {};
    for (const e of corpus) n[e[key]] = (n[e[key]] ?? 0) + 1;
    return n;
  };
  const annotated: EntityCase[] = (await readFile(CORPUS_FILES.entities, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; entities: EntityCase['expected'] })
    .map(({ text, entities }) => ({ text, expected: entities }));
  const { slotEntities } = buildCorpus(await loadHandWritten());
  const slotCases: EntityCase[] = slotEntities.filter((s) => s.split === 'test').map(({ text, split: _s, ...expected }) => ({ text, expected }));
  const annotatedReport = entityAccuracy(annotated);
  const slotReport = entityAccuracy(slotCases);
  const blind = await loadBlindTest();
  const blindReport = await evaluate(model, blind);
  const blindBaseline = await evaluate(keywordBaseline, blind);
  const texts = test.map((e) => e.text).slice(0, SIZES[size].texts);
  progress(`evaluated ${test.length} held-out and ${blind.length} blind examples; timing ${texts.length} analyses × ${SIZES[size].rounds}`);
  const loadBefore = os.loadavg()[0];
  const [modelLatency, baselineLatency] = [await latency(model, texts, SIZES[size].rounds), await latency(keywordBaseline, texts, SIZES[size].rounds)];
  const results = {
    held_out: summary(modelReport),
    corpus: { examples: corpus.length, by_split: count('split'), by_language: count('language'), by_category: count('category'), by_urgency: count('urgency') },
    held_out_by_source: bySource,
    held_out_by_language: byLanguage,
    baseline_keywords_plus_rules: summary(baselineReport),
    blind_set: {
      note: 'written after development, never trained on nor tuned against',
      model: summary(blindReport),
      baseline_keywords_plus_rules: summary(blindBaseline),
      critical_below_high_examples: blindReport.criticalBelowHighExamples,
    },
    entities: {
      annotated_set: {
        cases: annotatedReport.cases,
        all_fields_correct: annotatedReport.allFieldsCorrect,
        fields: annotatedReport.fields,
        errors: annotatedReport.errors,
      },
      template_slots_test_split: {
        cases: slotReport.cases,
        all_fields_correct: slotReport.allFieldsCorrect,
        fields: slotReport.fields,
        errors: slotReport.errors.slice(0, 20),
      },
    },
    model_load_ms: ms(loadMs),
    latency: {
      model: modelLatency,
      baseline: baselineLatency,
      load_average_1min: [ms(loadBefore ?? 0), ms(os.loadavg()[0] ?? 0)],
      cores: os.availableParallelism(),
    },
    targets: TARGETS,
    targets_met: {
      category_macro_f1: modelReport.category.macroF1 >= TARGETS.categoryMacroF1,
      urgency_macro_f1: modelReport.urgency.macroF1 >= TARGETS.urgencyMacroF1,
      no_critical_below_high: modelReport.criticalBelowHigh === TARGETS.criticalBelowHigh,
      p95_ms_wall: modelLatency.wall.p95_ms <= TARGETS.p95Ms,
      p95_ms_cpu: modelLatency.cpu.p95_ms <= TARGETS.p95Ms,
    },
    critical_below_high_examples: modelReport.criticalBelowHighExamples,
    confusion: { category: modelReport.category.confusion, urgency: modelReport.urgency.confusion },
    per_class: { category: modelReport.category.perClass, urgency: modelReport.urgency.perClass },
  };
  const keywords = 'keyword vote + rules';
  const figures = [
    figure('category macro-F1', modelReport.category.macroF1, '', { target: { op: '>=', value: TARGETS.categoryMacroF1 }, baseline: { name: keywords, value: baselineReport.category.macroF1 } }),
    figure('urgency macro-F1', modelReport.urgency.macroF1, '', { target: { op: '>=', value: TARGETS.urgencyMacroF1 }, baseline: { name: keywords, value: baselineReport.urgency.macroF1 } }),
    figure('critical answered below high', modelReport.criticalBelowHigh, 'cases', { target: { op: '<=', value: TARGETS.criticalBelowHigh }, baseline: { name: keywords, value: baselineReport.criticalBelowHigh } }),
    figure('blind set category macro-F1', blindReport.category.macroF1, '', { baseline: { name: keywords, value: blindBaseline.category.macroF1 } }),
    figure('analysis CPU time, p50', modelLatency.cpu.p50_ms, 'ms', { baseline: { name: keywords, value: baselineLatency.cpu.p50_ms } }),
    figure('analysis CPU time, p95', modelLatency.cpu.p95_ms, 'ms', { target: { op: '<=', value: TARGETS.p95Ms }, baseline: { name: keywords, value: baselineLatency.cpu.p95_ms } }),
    figure('analysis wall time, p95', modelLatency.wall.p95_ms, 'ms', { target: { op: '<=', value: TARGETS.p95Ms }, baseline: { name: keywords, value: baselineLatency.wall.p95_ms } }),
    figure('model load', ms(loadMs), 'ms', { target: { op: '<=', value: 200 } }),
  ];
  return { figures, detail: results };
}
