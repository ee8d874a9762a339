/** The problem categories the analysis chooses from (the exact codes). */
export const CATEGORIES = [
  'engine',
  'cooling',
  'transmission',
  'brakes',
  'steering_suspension',
  'tyres_wheels',
  'electrical',
  'lighting',
  'hvac',
  'exhaust_emissions',
  'fuel',
  'body_glass',
  'maintenance',
] as const;

/** A problem category code. */
export type Category = (typeof CATEGORIES)[number];

/** Urgency levels, least urgent first: the order is used to compare them. */
export const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;

/** How soon the owner should act. */
export type Urgency = (typeof URGENCIES)[number];

/** The languages the analysis understands and answers in. */
export type Language = 'fr' | 'en';

/** The more urgent of two levels. */
export function maxUrgency(a: Urgency, b: Urgency): Urgency {
  return URGENCIES.indexOf(a) >= URGENCIES.indexOf(b) ? a : b;
}

/** Category names shown to the owner. */
export const CATEGORY_LABELS: Record<Language, Record<Category, string>> = {
  fr: {
    engine: 'moteur',
    cooling: 'refroidissement',
    transmission: 'transmission / embrayage',
    brakes: 'freins',
    steering_suspension: 'direction / suspension',
    tyres_wheels: 'pneus / roues',
    electrical: 'électricité / batterie',
    lighting: 'éclairage',
    hvac: 'climatisation / chauffage',
    exhaust_emissions: 'échappement / dépollution',
    fuel: 'carburant / alimentation',
    body_glass: 'carrosserie / vitrage',
    maintenance: 'entretien',
  },
  en: {
    engine: 'engine',
    cooling: 'cooling system',
    transmission: 'transmission / clutch',
    brakes: 'brakes',
    steering_suspension: 'steering / suspension',
    tyres_wheels: 'tyres / wheels',
    electrical: 'electrical / battery',
    lighting: 'lighting',
    hvac: 'air conditioning / heating',
    exhaust_emissions: 'exhaust / emissions',
    fuel: 'fuel system',
    body_glass: 'body / glass',
    maintenance: 'maintenance',
  },
};

/** What each urgency means for the owner, in plain words. */
export const URGENCY_MEANINGS: Record<Language, Record<Urgency, string>> = {
  fr: {
    critical: 'critique : ne roulez pas, faites remorquer le véhicule',
    high: 'élevée : roulez seulement jusqu’au garage, rapidement',
    medium: 'moyenne : prenez rendez-vous prochainement',
    low: 'faible : intervention de routine',
  },
  en: {
    critical: 'critical: do not drive, have the vehicle towed',
    high: 'high: drive only to a garage, soon',
    medium: 'medium: book an appointment soon',
    low: 'low: routine work',
  },
};
