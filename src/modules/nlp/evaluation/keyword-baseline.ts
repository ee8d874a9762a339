import { readText } from '../analysis/tokenise.ts';
import { CATEGORIES, URGENCIES, type Category, type Urgency } from '../analysis/taxonomy.ts';
import type { TextModel, TextPrediction } from '../model/text-model.ts';

// The words a mechanic would grep for, per category: the baseline a trained model must beat.
const KEYWORDS: Record<Category, readonly string[]> = {
  engine: ['moteur', 'engine', 'broute', 'cale', 'turbo', 'misfire', 'huile', 'oil', 'knock', 'cogne'],
  cooling: ['surchauffe', 'chauffe', 'refroidissement', 'radiateur', 'overheating', 'coolant', 'radiator', 'temperature'],
  transmission: ['embrayage', 'boite', 'vitesses', 'clutch', 'gearbox', 'gear', 'cardan', 'transmission'],
  brakes: ['frein', 'freins', 'freinage', 'plaquettes', 'brake', 'brakes', 'braking', 'pads'],
  steering_suspension: ['direction', 'volant', 'suspension', 'amortisseurs', 'steering', 'shocks', 'bumps'],
  tyres_wheels: ['pneu', 'pneus', 'roue', 'crevaison', 'tyre', 'tire', 'tyres', 'wheel', 'puncture'],
  electrical: ['batterie', 'demarre', 'electrique', 'battery', 'start', 'electrical', 'fuse'],
  lighting: ['phare', 'phares', 'ampoule', 'clignotant', 'headlight', 'bulb', 'indicator'],
  hvac: ['clim', 'chauffage', 'ventilation', 'ac', 'heater', 'air'],
  exhaust_emissions: ['echappement', 'fap', 'egr', 'pot', 'exhaust', 'dpf', 'emissions'],
  fuel: ['essence', 'gasoil', 'carburant', 'reservoir', 'fuel', 'petrol', 'diesel'],
  body_glass: ['carrosserie', 'pare', 'rayure', 'portiere', 'windscreen', 'scratch', 'dent', 'door'],
  maintenance: ['vidange', 'revision', 'entretien', 'distribution', 'service', 'oil change'],
};
const MAJORITY_URGENCY: Urgency = 'medium';

/**
 * A keyword-vote baseline behind the same port: the category with most keyword hits (ties and
 * no hit: the first category), urgency always the most common class. Through `analyzeProblem`
 * the safety rules still apply to it, so it measures what the trained model adds.
 */
export const keywordBaseline: TextModel = {
  async predict(text: string): Promise<TextPrediction> {
    const words = new Set(
      readText(text)
        .tokens.filter((t) => !t.negated)
        .map((t) => t.text),
    );
    const hits = CATEGORIES.map((c) => KEYWORDS[c].filter((k) => words.has(k)).length);
    const total = hits.reduce((a, b) => a + b, 0);
    const best = hits.indexOf(Math.max(...hits));
    return {
      categoryScores: Object.fromEntries(CATEGORIES.map((c, i) => [c, total > 0 ? hits[i]! / total : i === best ? 1 : 0])) as Record<Category, number>,
      urgencyScores: Object.fromEntries(URGENCIES.map((u) => [u, u === MAJORITY_URGENCY ? 1 : 0])) as Record<Urgency, number>,
    };
  },
};
