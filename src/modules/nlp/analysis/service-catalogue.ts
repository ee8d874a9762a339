import type { Component } from './entities/components.ts';
import type { Category, Language } from './taxonomy.ts';

/** A bookable garage service. */
export interface ServiceDefinition {
  code: string;
  label: Record<Language, string>;
  durationMin: number;
}

const s = (code: string, fr: string, en: string, durationMin: number): ServiceDefinition => ({ code, label: { fr, en }, durationMin });

/** Services by code. Durations are typical workshop times, for planning. */
export const SERVICES = {
  TOWING: s('TOWING', 'Remorquage jusqu’au garage', 'Towing to the garage', 60),
  OBD_DIAGNOSTIC: s('OBD_DIAGNOSTIC', 'Diagnostic électronique (valise OBD)', 'Electronic diagnostic (OBD scan)', 30),
  ENGINE_DIAGNOSTIC: s('ENGINE_DIAGNOSTIC', 'Diagnostic moteur', 'Engine diagnosis', 60),
  IGNITION_SERVICE: s('IGNITION_SERVICE', 'Remplacement bougies / bobines', 'Spark plugs / coils replacement', 60),
  TURBO_REPAIR: s('TURBO_REPAIR', 'Contrôle et réparation du turbo', 'Turbo inspection and repair', 180),
  COOLING_DIAGNOSTIC: s('COOLING_DIAGNOSTIC', 'Diagnostic du circuit de refroidissement', 'Cooling system diagnosis', 60),
  COOLANT_FLUSH: s('COOLANT_FLUSH', 'Purge et remplacement du liquide de refroidissement', 'Coolant flush', 45),
  CLUTCH_REPLACEMENT: s('CLUTCH_REPLACEMENT', 'Remplacement de l’embrayage', 'Clutch replacement', 300),
  GEARBOX_DIAGNOSTIC: s('GEARBOX_DIAGNOSTIC', 'Diagnostic boîte de vitesses / transmission', 'Gearbox / transmission diagnosis', 60),
  GEARBOX_OIL_CHANGE: s('GEARBOX_OIL_CHANGE', 'Vidange de boîte de vitesses', 'Gearbox oil change', 60),
  BRAKE_INSPECTION: s('BRAKE_INSPECTION', 'Contrôle du système de freinage', 'Brake system inspection', 30),
  BRAKE_PADS: s('BRAKE_PADS', 'Remplacement des plaquettes de frein', 'Brake pads replacement', 60),
  BRAKE_DISCS_PADS: s('BRAKE_DISCS_PADS', 'Remplacement disques et plaquettes', 'Brake discs and pads replacement', 120),
  BRAKE_FLUID: s('BRAKE_FLUID', 'Purge du liquide de frein', 'Brake fluid change', 45),
  STEERING_SUSPENSION_CHECK: s('STEERING_SUSPENSION_CHECK', 'Contrôle direction et suspension', 'Steering and suspension check', 45),
  SHOCK_ABSORBERS: s('SHOCK_ABSORBERS', 'Remplacement des amortisseurs', 'Shock absorbers replacement', 150),
  WHEEL_ALIGNMENT: s('WHEEL_ALIGNMENT', 'Géométrie / parallélisme', 'Wheel alignment', 60),
  TYRE_REPAIR: s('TYRE_REPAIR', 'Réparation ou remplacement de pneu', 'Tyre repair or replacement', 30),
  TYRE_FITTING: s('TYRE_FITTING', 'Montage et équilibrage de pneus', 'Tyre fitting and balancing', 60),
  WHEEL_BEARING: s('WHEEL_BEARING', 'Remplacement de roulement de roue', 'Wheel bearing replacement', 90),
  BATTERY_TEST: s('BATTERY_TEST', 'Test batterie et charge', 'Battery and charging test', 20),
  BATTERY_REPLACEMENT: s('BATTERY_REPLACEMENT', 'Remplacement de la batterie', 'Battery replacement', 30),
  ELECTRICAL_DIAGNOSTIC: s('ELECTRICAL_DIAGNOSTIC', 'Diagnostic électrique', 'Electrical diagnosis', 60),
  STARTER_ALTERNATOR: s('STARTER_ALTERNATOR', 'Remplacement démarreur / alternateur', 'Starter / alternator replacement', 120),
  LIGHTING_REPAIR: s('LIGHTING_REPAIR', 'Remplacement d’ampoules / réparation de l’éclairage', 'Bulb replacement / lighting repair', 30),
  HEADLIGHT_ADJUSTMENT: s('HEADLIGHT_ADJUSTMENT', 'Réglage et rénovation des phares', 'Headlight aim and restoration', 45),
  AC_SERVICE: s('AC_SERVICE', 'Recharge et contrôle de la climatisation', 'Air conditioning regas and check', 60),
  HEATING_REPAIR: s('HEATING_REPAIR', 'Diagnostic chauffage / ventilation', 'Heating / ventilation diagnosis', 60),
  EXHAUST_REPAIR: s('EXHAUST_REPAIR', 'Réparation de la ligne d’échappement', 'Exhaust repair', 90),
  DPF_EGR_CLEANING: s('DPF_EGR_CLEANING', 'Nettoyage FAP / vanne EGR', 'DPF / EGR valve cleaning', 120),
  EMISSIONS_DIAGNOSTIC: s('EMISSIONS_DIAGNOSTIC', 'Diagnostic dépollution', 'Emissions diagnosis', 60),
  FUEL_SYSTEM_DIAGNOSTIC: s('FUEL_SYSTEM_DIAGNOSTIC', 'Diagnostic du circuit de carburant', 'Fuel system diagnosis', 60),
  FUEL_DRAIN: s('FUEL_DRAIN', 'Vidange du réservoir (erreur de carburant)', 'Fuel tank drain (misfuelling)', 90),
  FUEL_FILTER: s('FUEL_FILTER', 'Remplacement du filtre à carburant', 'Fuel filter replacement', 45),
  WINDSCREEN_REPAIR: s('WINDSCREEN_REPAIR', 'Réparation ou remplacement du pare-brise', 'Windscreen repair or replacement', 90),
  BODYWORK_REPAIR: s('BODYWORK_REPAIR', 'Carrosserie / débosselage / peinture', 'Bodywork / dent / paint repair', 180),
  OIL_SERVICE: s('OIL_SERVICE', 'Vidange et filtres', 'Oil and filter change', 45),
  FULL_SERVICE: s('FULL_SERVICE', 'Révision constructeur', 'Manufacturer service', 120),
  TIMING_BELT: s('TIMING_BELT', 'Remplacement du kit de distribution', 'Timing belt kit replacement', 240),
} as const satisfies Record<string, ServiceDefinition>;

/** A service code. */
export type ServiceCode = keyof typeof SERVICES;

/** The first service for each category: what a garage does first for that kind of problem. */
export const CATEGORY_SERVICES: Record<Category, ServiceCode> = {
  engine: 'ENGINE_DIAGNOSTIC',
  cooling: 'COOLING_DIAGNOSTIC',
  transmission: 'GEARBOX_DIAGNOSTIC',
  brakes: 'BRAKE_INSPECTION',
  steering_suspension: 'STEERING_SUSPENSION_CHECK',
  tyres_wheels: 'TYRE_REPAIR',
  electrical: 'ELECTRICAL_DIAGNOSTIC',
  lighting: 'LIGHTING_REPAIR',
  hvac: 'AC_SERVICE',
  exhaust_emissions: 'EMISSIONS_DIAGNOSTIC',
  fuel: 'FUEL_SYSTEM_DIAGNOSTIC',
  body_glass: 'BODYWORK_REPAIR',
  maintenance: 'FULL_SERVICE',
};

/** Services a mentioned component calls for, when the problem is in its category. */
export const COMPONENT_SERVICES: Partial<Record<Component, { category: Category; service: ServiceCode }>> = {
  brake_pads: { category: 'brakes', service: 'BRAKE_PADS' },
  brake_discs: { category: 'brakes', service: 'BRAKE_DISCS_PADS' },
  brake_fluid: { category: 'brakes', service: 'BRAKE_FLUID' },
  spark_plugs: { category: 'engine', service: 'IGNITION_SERVICE' },
  ignition_coil: { category: 'engine', service: 'IGNITION_SERVICE' },
  turbo: { category: 'engine', service: 'TURBO_REPAIR' },
  coolant: { category: 'cooling', service: 'COOLANT_FLUSH' },
  clutch: { category: 'transmission', service: 'CLUTCH_REPLACEMENT' },
  shock_absorbers: { category: 'steering_suspension', service: 'SHOCK_ABSORBERS' },
  wheel_bearing: { category: 'tyres_wheels', service: 'WHEEL_BEARING' },
  battery: { category: 'electrical', service: 'BATTERY_TEST' },
  alternator: { category: 'electrical', service: 'STARTER_ALTERNATOR' },
  starter: { category: 'electrical', service: 'STARTER_ALTERNATOR' },
  headlights: { category: 'lighting', service: 'HEADLIGHT_ADJUSTMENT' },
  heater: { category: 'hvac', service: 'HEATING_REPAIR' },
  blower: { category: 'hvac', service: 'HEATING_REPAIR' },
  exhaust: { category: 'exhaust_emissions', service: 'EXHAUST_REPAIR' },
  dpf: { category: 'exhaust_emissions', service: 'DPF_EGR_CLEANING' },
  egr_valve: { category: 'exhaust_emissions', service: 'DPF_EGR_CLEANING' },
  fuel_filter: { category: 'fuel', service: 'FUEL_FILTER' },
  windscreen: { category: 'body_glass', service: 'WINDSCREEN_REPAIR' },
  timing_belt: { category: 'maintenance', service: 'TIMING_BELT' },
  engine_oil: { category: 'maintenance', service: 'OIL_SERVICE' },
  tyres: { category: 'tyres_wheels', service: 'TYRE_FITTING' },
  gearbox: { category: 'transmission', service: 'GEARBOX_DIAGNOSTIC' },
};
