import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { EmbeddedTextModel } from '../model/embedded-text-model.ts';
import { problemAnalysisSchema } from './analysis-schema.ts';
import { analyzeProblem, MAX_TEXT_LENGTH, type ProblemAnalysis } from './analyze-problem.ts';
import { CATEGORIES } from './taxonomy.ts';

let model: EmbeddedTextModel;
beforeAll(async () => {
  model = await EmbeddedTextModel.load();
});

describe('analyzeProblem', () => {
  it('understands the issue’s French example: a misfiring engine with a flashing engine light', async () => {
    const a = await analyzeProblem('ma voiture broute à l’accélération et le voyant moteur clignote', {}, model);
    expect(a.language).toBe('fr');
    expect(a.category).toBe('engine');
    expect(a.urgency).toBe('high');
    expect(a.entities.warningLights).toEqual(['check_engine']);
    expect(a.suggestedServices.map((s) => s.code)).toContain('OBD_DIAGNOSTIC');
    expect(a.explanation).toContain('voyant moteur');
  });

  it('understands the issue’s English example: grinding brakes at 120k km', async () => {
    const a = await analyzeProblem('grinding noise when braking, 120k km', {}, model);
    expect(a.language).toBe('en');
    expect(a.category).toBe('brakes');
    expect(a.urgency).toBe('high');
    expect(a.entities.mileageKm).toBe(120_000);
    expect(a.suggestedServices[0]?.label).toBe('Brake system inspection');
  });

  it('answers a brake failure as critical, towing first, in the owner’s language', async () => {
    const a = await analyzeProblem("j'ai plus de freins, la pédale s'enfonce jusqu'au plancher", {}, model);
    expect(a.category).toBe('brakes');
    expect(a.urgency).toBe('critical');
    expect(a.suggestedServices[0]).toEqual({ code: 'TOWING', label: 'Remorquage jusqu’au garage', durationMin: 60 });
    expect(a.explanation).toContain('ne roulez pas');
    expect(a.explanation).toContain('perte de freinage');
  });

  it.each([
    'de la fumée sort du capot',
    'the red oil pressure light came on on the motorway',
    'le moteur surchauffe et le voyant de température rouge est allumé',
    'fuel leak under the car, petrol dripping',
    'la roue avant se desserre',
    'steering locked up while driving',
  ])('answers "%s" as critical (do not drive)', async (text) => {
    expect((await analyzeProblem(text, {}, model)).urgency).toBe('critical');
  });

  it.each(['my car won’t start, just clicking', 'l’embrayage patine beaucoup', 'bruit de métal contre métal au freinage'])(
    'answers "%s" at least high',
    async (text) => {
      expect(['high', 'critical']).toContain((await analyzeProblem(text, {}, model)).urgency);
    },
  );

  it('answers routine work as low', async () => {
    expect((await analyzeProblem('je voudrais faire la révision et la vidange', {}, model)).urgency).toBe('low');
    expect((await analyzeProblem('small stone chip on the windscreen', {}, model)).urgency).toBe('low');
  });

  it('fills make, model and year from the chosen vehicle when the text does not name them', async () => {
    const a = await analyzeProblem('les freins grincent', { vehicle: { make: 'Renault', model: 'Clio', year: 2016 } }, model);
    expect(a.entities).toMatchObject({ make: 'Renault', model: 'Clio', year: 2016 });
    const byVin = await analyzeProblem('les freins grincent', { vehicle: { vin: 'VF3ABCDEF12345678' } }, model);
    expect(byVin.entities.make).toBe('Peugeot');
    const named = await analyzeProblem('ma golf fait un bruit', { vehicle: { make: 'Renault', model: 'Clio', year: 2016 } }, model);
    expect(named.entities).toMatchObject({ make: 'Volkswagen', model: 'Golf', year: null });
  });

  it('follows the locale only when the text does not tell', async () => {
    expect((await analyzeProblem('ABS ESP', { locale: 'en-GB' }, model)).language).toBe('en');
    expect((await analyzeProblem('ABS ESP', {}, model)).language).toBe('fr');
    expect((await analyzeProblem('la voiture fait un bruit', { locale: 'en' }, model)).language).toBe('fr');
  });

  it('rejects an empty or over-long text with stable codes', async () => {
    await expect(analyzeProblem('   ', {}, model)).rejects.toMatchObject({ status: 400, code: 'TEXT_EMPTY' });
    await expect(analyzeProblem('a'.repeat(MAX_TEXT_LENGTH + 1), {}, model)).rejects.toMatchObject({ status: 400, code: 'TEXT_TOO_LONG' });
    await expect(analyzeProblem('a'.repeat(MAX_TEXT_LENGTH), {}, model)).resolves.toBeDefined();
    await expect(analyzeProblem('🚗'.repeat(MAX_TEXT_LENGTH), {}, model)).resolves.toBeDefined();
  });

  it('returns an analysis that fits its schema for any text, or a 400 for a blank one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300, unit: 'grapheme' }), async (text) => {
        let a: ProblemAnalysis;
        try {
          a = await analyzeProblem(text, {}, model);
        } catch (e) {
          return e instanceof AppError && e.code === 'TEXT_EMPTY' && text.trim() === '';
        }
        const sum = CATEGORIES.reduce((s, c) => s + a.categoryScores[c], 0);
        return Math.abs(sum - 1) < 1e-6 && problemAnalysisSchema.safeParse(a).success && a.suggestedServices.length > 0 && a.explanation.length > 0;
      }),
      { numRuns: 80 },
    );
  });
});

describe('garage slang', () => {
  it.each([
    ['ma caisse broute', 'engine'],
    ['ça claque dans le moteur', 'engine'],
    ['ça siffle à l’accélération, le turbo je pense', 'engine'],
    ['voyant FAP allumé', 'exhaust_emissions'],
    ['vanne EGR encrassée', 'exhaust_emissions'],
    ['les amortos sont morts', 'steering_suspension'],
    ['la bagnole tire à gauche', 'steering_suspension'],
    ['la distri est à faire', 'maintenance'],
  ] as const)('reads "%s" as %s', async (text, category) => {
    expect((await analyzeProblem(text, {}, model)).category).toBe(category);
  });

  it('does not take a red traffic light for a fire or a warning light', async () => {
    const a = await analyzeProblem('ça cale au feu rouge', {}, model);
    expect(a.category).toBe('engine');
    expect(['low', 'medium', 'high']).toContain(a.urgency);
    expect(a.entities.components).toEqual([]);
  });
});
