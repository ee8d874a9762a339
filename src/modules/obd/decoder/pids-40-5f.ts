import { monitorStatus } from './monitor-status.ts';
import { custom, enumerated, multi, scalar, supportedPids } from './pid-builders.ts';
import { emissionRequirements, fuelType } from './pid-enumerations.ts';
import type { PidDefinition } from './types.ts';

const PERCENT = 100 / 255;
const TRIM = 100 / 128;

function secondaryTrim(pid: number, term: 'Short' | 'Long', banks: [number, number]): PidDefinition {
  const [a, b] = banks;
  return multi(pid, `${term} term secondary oxygen sensor trim, bank ${a} and bank ${b}`, [
    [`bank${a}`, `${term} term secondary oxygen sensor trim - Bank ${a}`, '%', 1, TRIM, -100],
    [`bank${b}`, `${term} term secondary oxygen sensor trim - Bank ${b}`, '%', 1, TRIM, -100],
  ]);
}

export const pids40to5f: PidDefinition[] = [
  supportedPids(0x40),
  custom(0x41, 'Monitor status this drive cycle', 4, (d) => ({ value: monitorStatus(d, false), unit: '' })),
  scalar(0x42, 'Control module voltage', 'V', { size: 2, scale: 1 / 1000 }),
  scalar(0x43, 'Absolute load value', '%', { size: 2, scale: PERCENT }),
  scalar(0x44, 'Commanded air-fuel equivalence ratio (lambda)', 'ratio', { size: 2, scale: 2 / 65536 }),
  scalar(0x45, 'Relative throttle position', '%', { scale: PERCENT }),
  scalar(0x46, 'Ambient air temperature', '°C', { add: -40 }),
  scalar(0x47, 'Absolute throttle position B', '%', { scale: PERCENT }),
  scalar(0x48, 'Absolute throttle position C', '%', { scale: PERCENT }),
  scalar(0x49, 'Accelerator pedal position D', '%', { scale: PERCENT }),
  scalar(0x4a, 'Accelerator pedal position E', '%', { scale: PERCENT }),
  scalar(0x4b, 'Accelerator pedal position F', '%', { scale: PERCENT }),
  scalar(0x4c, 'Commanded throttle actuator', '%', { scale: PERCENT }),
  scalar(0x4d, 'Time run with MIL on', 'min', { size: 2 }),
  scalar(0x4e, 'Time since trouble codes cleared', 'min', { size: 2 }),
  multi(0x4f, 'Maximum values for equivalence ratio, oxygen sensor voltage and current, and intake manifold pressure', [
    ['maxEquivalenceRatio', 'Maximum air-fuel equivalence ratio', 'ratio', 1, 1],
    ['maxOxygenSensorVoltage', 'Maximum oxygen sensor voltage', 'V', 1, 1],
    ['maxOxygenSensorCurrent', 'Maximum oxygen sensor current', 'mA', 1, 1],
    ['maxIntakeManifoldPressure', 'Maximum intake manifold absolute pressure', 'kPa', 1, 10],
  ]),
  // Bytes B, C and D are reserved.
  { ...scalar(0x50, 'Maximum value for air flow rate from mass air flow sensor', 'g/s', { scale: 10 }), bytes: 4 },
  enumerated(0x51, 'Fuel type', fuelType),
  scalar(0x52, 'Ethanol fuel percentage', '%', { scale: PERCENT }),
  scalar(0x53, 'Absolute evap system vapor pressure', 'kPa', { size: 2, scale: 1 / 200 }),
  scalar(0x54, 'Evap system vapor pressure', 'Pa', { size: 2, add: -32767 }),
  secondaryTrim(0x55, 'Short', [1, 3]),
  secondaryTrim(0x56, 'Long', [1, 3]),
  secondaryTrim(0x57, 'Short', [2, 4]),
  secondaryTrim(0x58, 'Long', [2, 4]),
  scalar(0x59, 'Fuel rail absolute pressure', 'kPa', { size: 2, scale: 10 }),
  scalar(0x5a, 'Relative accelerator pedal position', '%', { scale: PERCENT }),
  scalar(0x5b, 'Hybrid battery pack remaining life', '%', { scale: PERCENT }),
  scalar(0x5c, 'Engine oil temperature', '°C', { add: -40 }),
  scalar(0x5d, 'Fuel injection timing', '°', { size: 2, scale: 1 / 128, add: -210 }),
  scalar(0x5e, 'Engine fuel rate', 'L/h', { size: 2, scale: 1 / 20 }),
  enumerated(0x5f, 'Emission requirements to which vehicle is designed', emissionRequirements),
];
