import { affirms, affirmsNear } from './affirmed-matches.ts';
import type { ProblemEntities } from './entities/extract-entities.ts';
import * as P from './safety-patterns.ts';
import type { Category, Language, Urgency } from './taxonomy.ts';
import type { ReadText } from './tokenise.ts';

/** A safety rule that fired: the urgency it imposes at least, and why, in both languages. */
export interface SafetyFinding {
  rule: string;
  urgency: Extract<Urgency, 'high' | 'critical'>;
  category: Category;
  reason: Record<Language, string>;
}

type Test = (read: ReadText, entities: ProblemEntities) => boolean;

interface SafetyRule extends SafetyFinding {
  applies: Test;
}

const any =
  (patterns: readonly RegExp[]): Test =>
  (read) =>
    patterns.some((p) => affirms(read, p));
const near =
  (a: RegExp, b: RegExp, window: number): Test =>
  (read) =>
    affirmsNear(read, a, b, window);
const either =
  (...tests: Test[]): Test =>
  (read, entities) =>
    tests.some((t) => t(read, entities));

const rule = (name: string, urgency: SafetyFinding['urgency'], category: Category, reason: Record<Language, string>, applies: Test): SafetyRule => ({
  rule: name,
  urgency,
  category,
  reason,
  applies,
});

// Critical = do not drive; high = drive only to a garage, soon (the list). Every test
// skips what a negation denies ("pas de fumée", "no fuel leak").
const RULES: SafetyRule[] = [
  rule('brake_failure', 'critical', 'brakes', { fr: 'perte de freinage', en: 'brake failure' }, any(P.BRAKE_FAILURE)),
  rule('steering_failure', 'critical', 'steering_suspension', { fr: 'perte de direction', en: 'steering failure' }, any(P.STEERING_FAILURE)),
  rule(
    'engine_bay_fire_or_smoke',
    'critical',
    'engine',
    { fr: 'fumée ou feu sous le capot', en: 'smoke or fire from the engine bay' },
    either(near(P.SMOKE_OR_FIRE, P.ENGINE_BAY, 8), any(P.ENGINE_FIRE)),
  ),
  rule(
    'electrical_fire',
    'critical',
    'electrical',
    { fr: 'fumée ou fils qui brûlent dans l’habitacle', en: 'smoke or burning wires in the cabin' },
    near(P.BURNING, P.DASHBOARD_WIRING, 5),
  ),
  rule(
    'oil_pressure_light',
    'critical',
    'engine',
    { fr: 'voyant rouge de pression d’huile', en: 'red oil-pressure light' },
    (read, e) => e.warningLights.includes('oil_pressure') || affirms(read, P.LOW_OIL_PRESSURE),
  ),
  rule(
    'overheating_red_light',
    'critical',
    'cooling',
    { fr: 'surchauffe avec voyant rouge de température', en: 'overheating with the red coolant light' },
    (read, e) =>
      (e.warningLights.includes('coolant_temperature') && (affirms(read, P.OVERHEATING) || affirms(read, P.RED))) || affirms(read, P.GAUGE_IN_THE_RED),
  ),
  rule('fuel_leak', 'critical', 'fuel', { fr: 'fuite de carburant', en: 'fuel leak' }, near(P.FUEL, P.LEAKING, 3)),
  rule('wheel_coming_loose', 'critical', 'tyres_wheels', { fr: 'roue qui se détache', en: 'a wheel coming loose' }, any(P.WHEEL_COMING_LOOSE)),
  rule(
    'flashing_engine_light',
    'high',
    'engine',
    { fr: 'voyant moteur clignotant', en: 'flashing engine light' },
    (read, e) => e.warningLights.includes('check_engine') && affirms(read, P.FLASHING),
  ),
  rule('metal_on_metal_brakes', 'high', 'brakes', { fr: 'freins métal contre métal', en: 'metal-on-metal brakes' }, any(P.METAL_ON_METAL)),
  rule('loud_knocking', 'high', 'engine', { fr: 'cognement fort du moteur', en: 'loud knocking' }, any(P.LOUD_KNOCKING)),
  rule('clutch_slipping', 'high', 'transmission', { fr: 'embrayage qui patine', en: 'clutch slipping' }, any(P.CLUTCH_SLIPPING)),
  rule('no_start', 'high', 'electrical', { fr: 'le véhicule ne démarre pas', en: 'the car will not start' }, any(P.NO_START)),
];

/** The safety rules a description triggers, critical ones first. */
export function safetyFindings(read: ReadText, entities: ProblemEntities): SafetyFinding[] {
  return RULES.filter((r) => r.applies(read, entities)).map(({ rule, urgency, category, reason }) => ({ rule, urgency, category, reason }));
}
