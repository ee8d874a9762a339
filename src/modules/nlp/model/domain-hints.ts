import { affirms } from '../analysis/affirmed-matches.ts';
import type { Component } from '../analysis/entities/components.ts';
import type { WarningLight } from '../analysis/entities/warning-lights.ts';
import type { Category, Urgency } from '../analysis/taxonomy.ts';
import type { ReadText } from '../analysis/tokenise.ts';

/**
 * Garage knowledge the model gets as features: which category a part, a warning light or a
 * symptom word usually belongs to. A hint is only a feature (its weight is learned): it lets a
 * rare word ride on what the model learned from the common ones of its category.
 */
const COMPONENT_CATEGORY: Partial<Record<Component, Category>> = {
  brake_pads: 'brakes',
  brake_discs: 'brakes',
  brake_fluid: 'brakes',
  brake_caliper: 'brakes',
  handbrake: 'brakes',
  battery: 'electrical',
  alternator: 'electrical',
  starter: 'electrical',
  fuses: 'electrical',
  central_locking: 'electrical',
  spark_plugs: 'engine',
  glow_plugs: 'engine',
  ignition_coil: 'engine',
  turbo: 'engine',
  engine_mounts: 'engine',
  accessory_belt: 'engine',
  egr_valve: 'exhaust_emissions',
  dpf: 'exhaust_emissions',
  catalytic_converter: 'exhaust_emissions',
  exhaust: 'exhaust_emissions',
  lambda_sensor: 'exhaust_emissions',
  clutch: 'transmission',
  gearbox: 'transmission',
  flywheel: 'transmission',
  driveshaft: 'transmission',
  timing_belt: 'maintenance',
  water_pump: 'cooling',
  radiator: 'cooling',
  thermostat: 'cooling',
  head_gasket: 'cooling',
  coolant: 'cooling',
  shock_absorbers: 'steering_suspension',
  springs: 'steering_suspension',
  power_steering: 'steering_suspension',
  steering_joints: 'steering_suspension',
  wheel_bearing: 'tyres_wheels',
  tyres: 'tyres_wheels',
  wheels: 'tyres_wheels',
  air_conditioning: 'hvac',
  heater: 'hvac',
  blower: 'hvac',
  headlights: 'lighting',
  bulbs: 'lighting',
  indicators: 'lighting',
  rear_lights: 'lighting',
  windscreen: 'body_glass',
  mirrors: 'body_glass',
  doors: 'body_glass',
  bodywork: 'body_glass',
  fuel_pump: 'fuel',
  fuel_filter: 'fuel',
  fuel_tank: 'fuel',
  injectors: 'fuel',
};

/** The category each warning light points to. */
const LIGHT_CATEGORY: Record<WarningLight, Category> = {
  check_engine: 'engine',
  oil_pressure: 'engine',
  glow_plug: 'engine',
  coolant_temperature: 'cooling',
  battery: 'electrical',
  brake_system: 'brakes',
  abs: 'brakes',
  esp: 'brakes',
  airbag: 'electrical',
  tyre_pressure: 'tyres_wheels',
  dpf: 'exhaust_emissions',
  adblue: 'exhaust_emissions',
  power_steering: 'steering_suspension',
  service: 'maintenance',
};

// Symptom and context words (stems, French and English) by category.
const SYMPTOM_WORDS: Record<Category, RegExp> = {
  engine:
    /\b(?:broute|brouter|rates?|misfir\w*|cal(?:e|er|ent)|stall\w*|cogn\w*|knock\w*|perte de puissance|loss of power|mode degrade|limp mode|ralenti|idle|trembl\w*|a coups|hesitat\w*|bielle|cylindres?|compte tours?|tours|rpm|reprise|pousse|essouffle|runs rough|rough running|moteur|engine)\b/g,
  cooling:
    /\b(?:surchauff\w*|chauffe|overheat\w*|temperature|temp|aiguille|gauge|vapeur|steam|bout|boil\w*|durites?|hoses?|vase d expansion|expansion tank|reservoir de liquide|ventilateur|radiator fan|runs hot|mayonnaise|milky)\b/g,
  transmission:
    /\b(?:vitesses?|rapports?|passer les|passe mal|craqu\w*|patin\w*|marche arriere|gears?|shift\w*|reverse|crunch\w*|judder\w*|slip\w*|differentiel|differential|boite|gearbox)\b/g,
  brakes: /\b(?:frein\w*|plaquettes?|disques?|etriers?|pedale de frein|couin\w*|brak\w*|squeal\w*|calipers?|abs|stopping)\b/g,
  steering_suspension:
    /\b(?:direction|volant|tire a (?:droite|gauche)|amortiss\w*|suspension|ressorts?|rotules?|silent blocs?|geometrie|parallelisme|dos d ane|ralentisseurs?|bosses|paves|penche|steering|pulls? to|alignment|tracking|bumps|cobbles|clunk\w*|leans|bounc\w*|wanders?)\b/g,
  tyres_wheels:
    /\b(?:pneus?|jantes?|crevaison|crev\w*|eclat\w*|hernie|equilibrage|roues?|ecrous?|gonfl\w*|degonfl\w*|roulements?|tyres?|tires?(?! (?:a|vers|sur|fort|un peu|legerement)\b)|rims?|punctur\w*|flat|balanc\w*|bulge|nail|kerb|curb|trottoir|lug nuts?|wheels?|sidewall|flanc)\b/g,
  electrical:
    /\b(?:batterie|demarr\w*|alternateur|fusibles?|electriques?|clic|centralisation|radio|autoradio|usb|bluetooth|gps|ecran|telecommande|airbag|battery|start\w*|crank\w*|fuses?|sat nav|key fob|drain\w*|electric\w*|wiring|fils)\b/g,
  lighting:
    /\b(?:phares?|feux?|ampoules?|clignotants?|eclairage|veilleuses?|antibrouillards?|plafonnier|headlights?|headlamps?|bulbs?|indicators?|beams?|fog lights?|tail lights?|blinkers?|turn signals?|lights)\b/g,
  hvac: /\b(?:clim\w*|chauffage|ventilation|pulseur|desembuage|buee|habitacle|filtre d habitacle|souffl\w*|air conditioning|ac|air con|heater|heating|blower|demist\w*|fog(?:ged|s)? up|cabin|vents?|regas|lukewarm|tiede|froid|cold air|warm air)\b/g,
  exhaust_emissions:
    /\b(?:echappement|pot|silencieux|fap|filtre a particules|egr|catalyseur|sonde lambda|fumee noire|pollution|depollution|adblue|emissions?|exhaust|muffler|silencer|dpf|particulate|catalytic|black smoke|o2 sensor|fumes|regener\w*|opacite)\b/g,
  fuel: /\b(?:essence|gasoil|gazole|diesel|carburant|reservoir|plein|jauge|pompe a essence|injecteurs?|pistolet|trappe|consommation|fuel|petrol|gasoline|tank|fill(?:ing)? up|nozzle|refuel\w*|mpg|misfuel\w*)\b/g,
  body_glass:
    /\b(?:carrosserie|pare brise|vitres?|portieres?|portes?|hayon|coffre|retroviseurs?|rayur\w*|bosses?|rouill\w*|peinture|pare chocs?|aile|joints? de porte|impact|eclat de|windscreen|windshield|doors?|tailgate|boot|trunk|mirrors?|scratch\w*|dents?|rust\w*|paint\w*|bumper|chip|seals?|sills?|bas de caisse|infiltration)\b/g,
  maintenance:
    /\b(?:revision|vidange|entretien|filtres|carnet|controle technique|ct|courroie de distribution|kit distri\w*|distribution|niveaux|service\w*|oil change|mot|schedule|overdue|due|intervals?|contre visite|retest)\b/g,
};

/** The category hints of a description: one per part, warning light and symptom family found. */
export function categoryHints(read: ReadText, components: readonly Component[], lights: readonly WarningLight[]): Category[] {
  const hints: Category[] = [];
  for (const c of components) {
    const category = COMPONENT_CATEGORY[c];
    if (category) hints.push(category);
  }
  for (const light of lights) hints.push(LIGHT_CATEGORY[light]);
  for (const [category, pattern] of Object.entries(SYMPTOM_WORDS) as Array<[Category, RegExp]>) {
    if (affirms(read, pattern)) hints.push(category);
  }
  return hints;
}

// Severity words by urgency (the safety rules cover the critical dangers; these are the shades).
const SEVERITY_WORDS: Record<Urgency, RegExp> = {
  critical:
    /\b(?:plus de|ne (?:freine|repond|tourne) plus|lache|bloque\w*|feu(?! (?:rouge|vert|orange|stop|arriere|avant|de (?:croisement|position|recul|route|brouillard)))|flammes?|fumee|vapeur|fuite d (?:essence|huile|gasoil)|(?<!feux? )rouges?|dans le rouge|detache|desserr\w*|no brakes|failed|failure|locked|lost|fire|flames|smok\w*|steam|red|pouring|coming off|loose|dangerous|dangereux|accident)\b/g,
  high: /\b(?:clignot\w*|flash\w*|blink\w*|fort|violent\w*|enorme|gros|grosse|plus du tout|impossible|ne demarre|demarre pas|en panne|crev\w*|eclat\w*|a plat|mode degrade|mode securite|mode secours|limp|bride\w*|perte de puissance|loss of power|patin\w*|metal|ferraille|racle|chauffe|surchauff\w*|overheat\w*|wont|will not|dead|badly|loud|really|no power|stuck|snapped|cass\w*|broke\w*|blew|bald|lisse|toile|du tout|at all|reste au plancher|stays on the floor|nothing happens|rien ne se passe|explos\w*|burst|died|morte?|hs)\b/g,
  medium:
    /\b(?:voyant|temoin|light|allume\w*|bruit|noise|vibr\w*|grinc\w*|couin\w*|squeak\w*|squeal\w*|claqu\w*|clunk\w*|un peu|a little|a bit|slight\w*|parfois|sometimes|de temps en temps|now and then|par moments|doucement|slowly|petite fuite|small leak|fuit|leak\w*|tire a|pulls|usure|worn|dur|heavy|stiff|nouveau|new)\b/g,
  low: /\b(?:revision|entretien|vidange|je voudrais|j aimerais|i would like|i want|a faire|a prevoir|prevoir|avant l hiver|before winter|esthetique|cosmetic|petit impact|small chip|rayur\w*|scratch\w*|clim|ac|due|schedul\w*|annuel|yearly|annual|controle|check|changer|replace|remplac\w*|conseil|devis|quote|filtre|filter|pneus hiver|winter tyres|ete|summer|adjust\w*|regl\w*|retouche|touch up|refill|appoint|top up|rouill\w*|rust\w*|renov\w*|restor\w*)\b/g,
};

/** The urgency hints of a description: each severity family whose words it uses (not denied). */
export function urgencyHints(read: ReadText): Urgency[] {
  return (Object.entries(SEVERITY_WORDS) as Array<[Urgency, RegExp]>).filter(([, pattern]) => affirms(read, pattern)).map(([u]) => u);
}
