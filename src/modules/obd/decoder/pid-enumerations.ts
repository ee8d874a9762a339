// Enumerated values of SAE J1979 mode 01 PIDs 03, 12, 1C, 51 and 5F.

const FUEL_SYSTEM: Record<number, string> = {
  0: 'No fuel system',
  1: 'Open loop due to insufficient engine temperature',
  2: 'Closed loop, using oxygen sensor feedback to determine fuel mix',
  4: 'Open loop due to engine load or fuel cut due to deceleration',
  8: 'Open loop due to system failure',
  16: 'Closed loop, using at least one oxygen sensor but there is a fault in the feedback system',
};

/** PID 03: the loop state of one fuel system. */
export function fuelSystemStatus(code: number): string {
  return FUEL_SYSTEM[code] ?? 'Invalid (more than one bit set)';
}

const SECONDARY_AIR: Record<number, string> = {
  1: 'Upstream',
  2: 'Downstream of catalytic converter',
  4: 'From the outside atmosphere or off',
  8: 'Pump commanded on for diagnostics',
};

/** PID 12: where the secondary air is commanded. */
export function secondaryAirStatus(code: number): string {
  return SECONDARY_AIR[code] ?? 'Invalid (none or more than one bit set)';
}

const OBD_STANDARDS: Record<number, string> = {
  1: 'OBD-II as defined by the CARB',
  2: 'OBD as defined by the EPA',
  3: 'OBD and OBD-II',
  4: 'OBD-I',
  5: 'Not OBD compliant',
  6: 'EOBD (Europe)',
  7: 'EOBD and OBD-II',
  8: 'EOBD and OBD',
  9: 'EOBD, OBD and OBD II',
  10: 'JOBD (Japan)',
  11: 'JOBD and OBD II',
  12: 'JOBD and EOBD',
  13: 'JOBD, EOBD, and OBD II',
  17: 'Engine Manufacturer Diagnostics (EMD)',
  18: 'Engine Manufacturer Diagnostics Enhanced (EMD+)',
  19: 'Heavy Duty On-Board Diagnostics (Child/Partial) (HD OBD-C)',
  20: 'Heavy Duty On-Board Diagnostics (HD OBD)',
  21: 'World Wide Harmonized OBD (WWH OBD)',
  23: 'Heavy Duty Euro OBD Stage I without NOx control (HD EOBD-I)',
  24: 'Heavy Duty Euro OBD Stage I with NOx control (HD EOBD-I N)',
  25: 'Heavy Duty Euro OBD Stage II without NOx control (HD EOBD-II)',
  26: 'Heavy Duty Euro OBD Stage II with NOx control (HD EOBD-II N)',
  28: 'Brazil OBD Phase 1 (OBDBr-1)',
  29: 'Brazil OBD Phase 2 (OBDBr-2)',
  30: 'Korean OBD (KOBD)',
  31: 'India OBD I (IOBD I)',
  32: 'India OBD II (IOBD II)',
  33: 'Heavy Duty Euro OBD Stage VI (HD EOBD-IV)',
};

/** PID 1C: the OBD requirements the vehicle is certified to. */
export function obdStandard(code: number): string {
  if (code >= 251) return 'Not available for assignment (SAE J1939 special meaning)';
  return OBD_STANDARDS[code] ?? 'Reserved';
}

const FUEL_TYPES = [
  'Not available',
  'Gasoline',
  'Methanol',
  'Ethanol',
  'Diesel',
  'LPG',
  'CNG',
  'Propane',
  'Electric',
  'Bifuel running Gasoline',
  'Bifuel running Methanol',
  'Bifuel running Ethanol',
  'Bifuel running LPG',
  'Bifuel running CNG',
  'Bifuel running Propane',
  'Bifuel running Electricity',
  'Bifuel running electric and combustion engine',
  'Hybrid gasoline',
  'Hybrid Ethanol',
  'Hybrid Diesel',
  'Hybrid Electric',
  'Hybrid running electric and combustion engine',
  'Hybrid Regenerative',
  'Bifuel running diesel',
];

/** PID 51: the fuel type coding. */
export function fuelType(code: number): string {
  return FUEL_TYPES[code] ?? 'Reserved';
}

const EMISSION_REQUIREMENTS: Record<number, string> = {
  0x0e: 'Heavy Duty Vehicles (EURO IV) B1',
  0x0f: 'Heavy Duty Vehicles (EURO V) B2',
  0x10: 'Heavy Duty Vehicles (EURO EEV) C',
};

/** PID 5F: the emission requirements the vehicle is designed to. */
export function emissionRequirements(code: number): string {
  return EMISSION_REQUIREMENTS[code] ?? 'Reserved';
}
