import { describe, expect, it } from 'vitest';
import type { TextModel } from '../model/text-model.ts';
import { analyzeProblem } from './analyze-problem.ts';
import { extractEntities } from './entities/extract-entities.ts';
import { foldText } from './normalise.ts';
import { safetyFindings } from './safety-rules.ts';
import { CATEGORIES, URGENCIES, type Urgency } from './taxonomy.ts';
import { readText } from './tokenise.ts';

const negated = (text: string) =>
  readText(text)
    .tokens.filter((t) => t.negated)
    .map((t) => t.text);
const rules = (text: string) => {
  const read = readText(text);
  return safetyFindings(read, extractEntities(foldText(text), read)).map((f) => f.rule);
};
const entities = (text: string) => extractEntities(foldText(text), readText(text));

// A model that always says "brakes, medium": what is left is the rule layer's doing.
const steadyModel = (urgency: Urgency): TextModel => ({
  predict: async () => ({
    categoryScores: Object.fromEntries(CATEGORIES.map((c) => [c, c === 'brakes' ? 1 : 0])) as never,
    urgencyScores: Object.fromEntries(URGENCIES.map((u) => [u, u === urgency ? 1 : 0])) as never,
  }),
});

describe('negation', () => {
  it('marks what a cue denies, up to the end of its clause', () => {
    expect(negated('pas de fumée mais ça claque')).toEqual(['de', 'fumee']);
    expect(negated('no warning light, the brakes grind')).toEqual(['warning', 'light']);
    expect(negated('ni fumée ni bruit')).toEqual(['fumee', 'bruit']);
    expect(negated('sans voyant et le moteur broute')).toEqual(['voyant']);
  });

  it('keeps denied warning lights and parts out of the entities', () => {
    expect(entities('pas de voyant moteur, sans voyant huile').warningLights).toEqual([]);
    expect(entities('no warning light, no oil light').warningLights).toEqual([]);
    expect(entities("le voyant huile n'est pas allumé mais le voyant batterie oui").warningLights).toEqual(['battery']);
    expect(entities('the engine light is not on').warningLights).toEqual([]);
    expect(entities("le voyant moteur ne s'éteint pas").warningLights).toEqual(['check_engine']);
    expect(entities("pas de souci d'embrayage, les plaquettes sont usées").components).toEqual(['brake_pads']);
  });

  it('does not fire a safety rule on what is denied', () => {
    expect(rules('pas de fumée sous le capot')).toEqual([]);
    expect(rules('no smoke from the hood, no fuel leak')).toEqual([]);
    expect(rules("il n'y a pas de fuite d'essence")).toEqual([]);
    expect(rules('the wheel is not loose')).toEqual([]);
    expect(rules('sans voyant huile')).toEqual([]);
    expect(rules('pas de perte de freinage, juste un bruit')).toEqual([]);
    expect(rules('no smoke from the dashboard, the radio is dead')).toEqual([]);
    expect(rules("aucune fuite d'essence, juste une odeur")).toEqual([]);
  });

  it('finds a danger whatever the word order', () => {
    expect(rules('smoke is coming out from under the hood')).toEqual(['engine_bay_fire_or_smoke']);
    expect(rules('sous le capot, ça crame')).toEqual(['engine_bay_fire_or_smoke']);
    expect(rules('les fils ont fondu sous le tableau de bord')).toEqual(['electrical_fire']);
    expect(rules('diesel is dripping from the tank')).toEqual(['fuel_leak']);
    expect(rules('fumée noire à l’échappement')).toEqual([]);
  });

  it('still fires the rules that are themselves negative phrases', () => {
    expect(rules("je n'ai plus de freins")).toEqual(['brake_failure']);
    expect(rules('no brakes!!')).toEqual(['brake_failure']);
    expect(rules('the brakes do not work')).toEqual(['brake_failure']);
    expect(rules('ma voiture ne démarre pas')).toEqual(['no_start']);
    expect(rules("the car won't start")).toEqual(['no_start']);
    expect(rules('no brake noise, just a vibration')).toEqual([]);
    expect(rules('low oil pressure warning on the dash')).toEqual(['oil_pressure_light']);
    expect(rules('no oil pressure, the engine rattles')).toEqual(['oil_pressure_light']);
  });

  it('leaves a denied danger at the model’s urgency and raises an affirmed one', async () => {
    const model = steadyModel('medium');
    expect((await analyzeProblem('les freins grincent, pas de fumée sous le capot', {}, model)).urgency).toBe('medium');
    expect((await analyzeProblem('no oil pressure light, brakes squeak', {}, model)).urgency).toBe('medium');
    expect((await analyzeProblem('les freins grincent et de la fumée sort du capot', {}, model)).urgency).toBe('critical');
    expect((await analyzeProblem('brakes squeak and the oil pressure light is on', {}, model)).urgency).toBe('critical');
  });

  it('never lets a model answer below what the rules impose, and never lowers the model', async () => {
    expect((await analyzeProblem('la pédale de frein va au plancher', {}, steadyModel('low'))).urgency).toBe('critical');
    expect((await analyzeProblem('le voyant moteur clignote', {}, steadyModel('low'))).urgency).toBe('high');
    expect((await analyzeProblem('pas de fumée', {}, steadyModel('critical'))).urgency).toBe('critical');
  });
});
