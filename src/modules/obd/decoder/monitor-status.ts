import type { PidValue } from './types.ts';

// SAE J1979 PID 01 (since DTCs cleared) and PID 41 (this drive cycle): byte B bits 0-2 say a
// continuous monitor exists, bits 4-6 that it is NOT complete; bytes C and D do the same for the
// non-continuous monitors, whose meaning depends on the ignition type (B bit 3).
const CONTINUOUS = ['misfire', 'fuelSystem', 'components'];
// Spark bit 4 was the A/C refrigerant monitor before J1979 reassigned it to the gasoline particulate filter.
const SPARK = [
  'catalyst',
  'heatedCatalyst',
  'evaporativeSystem',
  'secondaryAirSystem',
  'gasolineParticulateFilter',
  'oxygenSensor',
  'oxygenSensorHeater',
  'egrSystem',
];
const COMPRESSION = ['nmhcCatalyst', 'noxScrMonitor', '', 'boostPressure', '', 'exhaustGasSensor', 'pmFilter', 'egrVvtSystem'];

function monitors(bits: number, incomplete: number, names: string[], offset = 0): Record<string, PidValue> {
  const out: Record<string, PidValue> = {};
  names.forEach((name, i) => {
    if (!name) return;
    const available = (bits >> i) % 2 === 1;
    out[name] = { available, complete: available && (incomplete >> (i + offset)) % 2 === 0 };
  });
  return out;
}

/** Decodes the 4 bytes of PID 01 / 41: MIL, stored DTC count (01 only) and readiness per monitor. */
export function monitorStatus(data: Uint8Array, sinceCleared: boolean): PidValue {
  const [a = 0, b = 0, c = 0, d = 0] = data;
  const compression = (b >> 3) % 2 === 1;
  const value: Record<string, PidValue> = {
    ignition: compression ? 'compression' : 'spark',
    continuous: monitors(b, b, CONTINUOUS, 4),
    nonContinuous: monitors(c, d, compression ? COMPRESSION : SPARK),
  };
  if (sinceCleared) return { mil: a >= 0x80, dtcCount: a & 0x7f, ...value };
  return value;
}
