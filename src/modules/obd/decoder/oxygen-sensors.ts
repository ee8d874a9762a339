import { custom, multi } from './pid-builders.ts';
import type { PidDefinition } from './types.ts';

// Oxygen sensors: which are present (PIDs 13 and 1D) and their readings (14-1B narrow band,
// 24-2B and 34-3B wide band). Sensors 1-8 follow the PID 13 layout: bank 1 sensors 1-4, bank 2 sensors 1-4.
const LOCATIONS_13 = ['B1S1', 'B1S2', 'B1S3', 'B1S4', 'B2S1', 'B2S2', 'B2S3', 'B2S4'];
const LOCATIONS_1D = ['B1S1', 'B1S2', 'B2S1', 'B2S2', 'B3S1', 'B3S2', 'B4S1', 'B4S2'];

function present(pid: number, name: string, locations: string[]): PidDefinition {
  return custom(pid, name, 1, (data) => ({
    value: locations.filter((_, i) => (data[0]! >> i) % 2 === 1),
    unit: '',
  }));
}

export const oxygenSensorPids: PidDefinition[] = [
  present(0x13, 'Oxygen sensors present (in 2 banks)', LOCATIONS_13),
  present(0x1d, 'Oxygen sensors present (in 4 banks)', LOCATIONS_1D),
];

for (let i = 0; i < 8; i++) {
  const n = i + 1;
  oxygenSensorPids.push(
    multi(0x14 + i, `Oxygen sensor ${n}: voltage and short term fuel trim`, [
      ['voltage', `Oxygen sensor ${n} voltage`, 'V', 1, 1 / 200],
      // B = 0xFF: the sensor is not used in the trim calculation.
      ['shortTermFuelTrim', `Oxygen sensor ${n} short term fuel trim`, '%', 1, 100 / 128, -100, { nullRaw: 0xff }],
    ]),
    multi(0x24 + i, `Oxygen sensor ${n}: air-fuel equivalence ratio and voltage`, [
      ['equivalenceRatio', `Oxygen sensor ${n} air-fuel equivalence ratio (lambda)`, 'ratio', 2, 2 / 65536],
      ['voltage', `Oxygen sensor ${n} voltage`, 'V', 2, 8 / 65536],
    ]),
    multi(0x34 + i, `Oxygen sensor ${n}: air-fuel equivalence ratio and current`, [
      ['equivalenceRatio', `Oxygen sensor ${n} air-fuel equivalence ratio (lambda)`, 'ratio', 2, 2 / 65536],
      ['current', `Oxygen sensor ${n} current`, 'mA', 2, 1 / 256, -128],
    ]),
  );
}
