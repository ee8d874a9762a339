import type { Component } from '../../../../src/modules/nlp/analysis/entities/components.ts';

/** The parts the analysis recognises, named for owners. */
export const COMPONENT_LABELS: Record<'fr' | 'en', Record<Component, string>> = {
  fr: {
    brake_pads: 'plaquettes de frein', brake_discs: 'disques de frein', brake_fluid: 'liquide de frein', brake_caliper: 'étrier de frein', handbrake: 'frein à main',
    battery: 'batterie', alternator: 'alternateur', starter: 'démarreur', spark_plugs: 'bougies d’allumage', glow_plugs: 'bougies de préchauffage',
    ignition_coil: 'bobine d’allumage', injectors: 'injecteurs', turbo: 'turbo', egr_valve: 'vanne EGR', dpf: 'filtre à particules (FAP)',
    catalytic_converter: 'catalyseur', exhaust: 'échappement', lambda_sensor: 'sonde lambda', clutch: 'embrayage', gearbox: 'boîte de vitesses',
    flywheel: 'volant moteur', driveshaft: 'cardan', timing_belt: 'courroie de distribution', accessory_belt: 'courroie d’accessoires', water_pump: 'pompe à eau',
    radiator: 'radiateur', thermostat: 'thermostat', head_gasket: 'joint de culasse', coolant: 'liquide de refroidissement', engine_oil: 'huile moteur',
    shock_absorbers: 'amortisseurs', springs: 'ressorts', power_steering: 'direction assistée', steering_joints: 'rotules de direction', wheel_bearing: 'roulement de roue',
    tyres: 'pneus', wheels: 'roues', air_conditioning: 'climatisation', heater: 'chauffage', blower: 'ventilation',
    headlights: 'phares', bulbs: 'ampoules', indicators: 'clignotants', rear_lights: 'feux arrière', windscreen: 'pare-brise',
    wipers: 'essuie-glaces', windows: 'vitres', mirrors: 'rétroviseurs', doors: 'portières', bodywork: 'carrosserie',
    fuel_pump: 'pompe à carburant', fuel_filter: 'filtre à carburant', fuel_tank: 'réservoir', engine_mounts: 'supports moteur', fuses: 'fusibles',
    central_locking: 'verrouillage centralisé',
  },
  en: {
    brake_pads: 'brake pads', brake_discs: 'brake discs', brake_fluid: 'brake fluid', brake_caliper: 'brake caliper', handbrake: 'handbrake',
    battery: 'battery', alternator: 'alternator', starter: 'starter motor', spark_plugs: 'spark plugs', glow_plugs: 'glow plugs',
    ignition_coil: 'ignition coil', injectors: 'injectors', turbo: 'turbo', egr_valve: 'EGR valve', dpf: 'particulate filter (DPF)',
    catalytic_converter: 'catalytic converter', exhaust: 'exhaust', lambda_sensor: 'lambda sensor', clutch: 'clutch', gearbox: 'gearbox',
    flywheel: 'flywheel', driveshaft: 'driveshaft', timing_belt: 'timing belt', accessory_belt: 'accessory belt', water_pump: 'water pump',
    radiator: 'radiator', thermostat: 'thermostat', head_gasket: 'head gasket', coolant: 'coolant', engine_oil: 'engine oil',
    shock_absorbers: 'shock absorbers', springs: 'springs', power_steering: 'power steering', steering_joints: 'steering joints', wheel_bearing: 'wheel bearing',
    tyres: 'tyres', wheels: 'wheels', air_conditioning: 'air conditioning', heater: 'heater', blower: 'blower',
    headlights: 'headlights', bulbs: 'bulbs', indicators: 'indicators', rear_lights: 'rear lights', windscreen: 'windscreen',
    wipers: 'wipers', windows: 'windows', mirrors: 'mirrors', doors: 'doors', bodywork: 'bodywork',
    fuel_pump: 'fuel pump', fuel_filter: 'fuel filter', fuel_tank: 'fuel tank', engine_mounts: 'engine mounts', fuses: 'fuses',
    central_locking: 'central locking',
  },
};
