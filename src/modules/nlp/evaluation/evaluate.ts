import { analyzeProblem } from '../analysis/analyze-problem.ts';
import { CATEGORIES, URGENCIES, type Category, type Urgency } from '../analysis/taxonomy.ts';
import type { TextModel } from '../model/text-model.ts';
import { classificationReport, type ClassificationReport } from './metrics.ts';

/** A labelled text to score the analysis on. */
export interface EvaluationExample {
  id?: string;
  text: string;
  category: Category;
  urgency: Urgency;
  /** When known; mixed French/English texts have no right answer and are not scored. */
  language?: 'fr' | 'en' | 'mixed';
}

/** How the whole analysis (model and safety rules) does on labelled examples. */
export interface EvaluationReport {
  examples: number;
  category: ClassificationReport<Category>;
  urgency: ClassificationReport<Urgency>;
  /** The model's own urgency (its top class), before the safety rules: what the rules add. */
  modelOnlyUrgency: ClassificationReport<Urgency>;
  /** Share of French or English examples whose language was detected right. */
  languageAccuracy: number;
  /** Critical cases answered low or medium: the number that must stay at zero. */
  criticalBelowHigh: number;
  criticalBelowHighExamples: Array<{ text: string; predicted: Urgency }>;
}

/**
 * Runs `analyzeProblem` with the model on every example and scores category and urgency
 * (macro-F1, confusion matrices) and the critical cases answered below high.
 */
export async function evaluate(model: TextModel, examples: readonly EvaluationExample[]): Promise<EvaluationReport> {
  const categories: Category[] = [];
  const urgencies: Urgency[] = [];
  const modelUrgencies: Urgency[] = [];
  const misses: EvaluationReport['criticalBelowHighExamples'] = [];
  let languageChecked = 0;
  let languageRight = 0;
  for (const example of examples) {
    const analysis = await analyzeProblem(example.text, {}, model);
    categories.push(analysis.category);
    urgencies.push(analysis.urgency);
    if (example.language === 'fr' || example.language === 'en') {
      languageChecked++;
      if (analysis.language === example.language) languageRight++;
    }
    const { urgencyScores } = await model.predict(example.text);
    modelUrgencies.push(URGENCIES.reduce((best, u) => (urgencyScores[u] > urgencyScores[best] ? u : best)));
    if (example.urgency === 'critical' && (analysis.urgency === 'low' || analysis.urgency === 'medium')) {
      misses.push({ text: example.text, predicted: analysis.urgency });
    }
  }
  return {
    examples: examples.length,
    category: classificationReport(
      CATEGORIES,
      examples.map((e) => e.category),
      categories,
    ),
    urgency: classificationReport(
      URGENCIES,
      examples.map((e) => e.urgency),
      urgencies,
    ),
    modelOnlyUrgency: classificationReport(
      URGENCIES,
      examples.map((e) => e.urgency),
      modelUrgencies,
    ),
    languageAccuracy: languageChecked > 0 ? Math.round((languageRight / languageChecked) * 10000) / 10000 : 1,
    criticalBelowHigh: misses.length,
    criticalBelowHighExamples: misses,
  };
}
