import { custom, flags, multi, readField, scalar, supportedPids, type FieldSpec } from './pid-builders.ts';
import type { PidDefinition, PidField, SubValue } from './types.ts';

// PIDs 80-9F: mostly heavy-duty and diesel after-treatment data. Each starts with a byte of
// support bits (bit i for reading i) unless noted.
const PERCENT = 100 / 255;
const PM = 0.0125; // mg/m³ per bit
const NOX = 0.1; // ppm per bit

/** PIDs 81, 82, 89, 8A: two 4-byte timers (seconds) for each of five AECDs. */
function aecd(pid: number, first: number): PidDefinition {
  const specs: FieldSpec[] = [];
  for (let i = 0; i < 5; i++) {
    const n = first + i;
    specs.push([`aecd${n}Timer1`, `Run time with EI-AECD #${n} timer 1 active`, 's', 4, 1, 0, { supportBit: i }]);
    specs.push([`aecd${n}Timer2`, `Run time with EI-AECD #${n} timer 2 active`, 's', 4, 1, 0, { supportBit: i }]);
  }
  return multi(pid, `Engine run time for auxiliary emissions control devices #${first}-#${first + 4}`, specs, { supportByte: true });
}

function sensorArray(pid: number, name: string, count: number, spec: (i: number) => FieldSpec, minBytes?: number): PidDefinition {
  return multi(
    pid,
    name,
    Array.from({ length: count }, (_, i) => spec(i)),
    { supportByte: true, ...(minBytes ? { minBytes } : {}) },
  );
}

/** A = raw status or support bits, then counters: a reading whose value is the status byte. */
function statusAndCounters(pid: number, name: string, statusNames: string[], counters: FieldSpec[]): PidDefinition {
  const [key, fname, unit, size, scale, add, extra] = counters[0]!;
  const first: FieldSpec = [key, fname, unit, size, scale, add ?? 0, { ...extra, at: 1 }];
  const base = multi(pid, name, [first, ...counters.slice(1)]);
  return {
    ...base,
    unit: '',
    decode(d) {
      const reading = base.decode(d);
      const status: Record<string, SubValue> = {};
      for (const [k, v] of Object.entries(flags(d[0]!, statusNames))) status[k] = { name: k, value: v, unit: '' };
      return { value: d[0]!, unit: '', values: { ...status, ...reading.values } };
    },
  };
}

const BANK_SENSORS = ['bank1Sensor1', 'bank1Sensor2', 'bank2Sensor1', 'bank2Sensor2'];
const bankLabel = (k: string) => k.replace(/bank(\d)Sensor(\d)/, 'Bank $1, Sensor $2');

/** PIDs 8C and 9C: oxygen concentration (%) then sensor voltage of four wide-range sensors. */
function wideRangeOxygen(pid: number, name: string): PidDefinition {
  return multi(
    pid,
    name,
    [
      ...BANK_SENSORS.map((k): FieldSpec => [`${k}Concentration`, `Oxygen concentration ${bankLabel(k)}`, '%', 2, 100 / 65536]),
      ...BANK_SENSORS.map((k): FieldSpec => [`${k}Voltage`, `Oxygen sensor voltage ${bankLabel(k)}`, 'V', 2, 8 / 65536]),
    ],
    { supportByte: true },
  );
}

const dieselAftertreatmentFields: PidField[] = [
  { key: 'regenerationTrigger', name: 'Normalised trigger for DPF regeneration', unit: '%', at: 2, size: 1, scale: PERCENT, add: 0, supportBit: 4 },
  { key: 'averageTimeBetweenRegenerations', name: 'Average time between DPF regenerations', unit: 'min', at: 3, size: 2, scale: 1, add: 0, supportBit: 5 },
  {
    key: 'averageDistanceBetweenRegenerations',
    name: 'Average distance between DPF regenerations',
    unit: 'km',
    at: 5,
    size: 2,
    scale: 1,
    add: 0,
    supportBit: 6,
  },
];

export const pids80to9f: PidDefinition[] = [
  supportedPids(0x80),
  aecd(0x81, 1),
  aecd(0x82, 6),
  // Earlier J1979 revisions had two sensors (5 bytes).
  sensorArray(0x83, 'NOx sensor concentration', 4, (i) => [BANK_SENSORS[i]!, `NOx sensor concentration ${bankLabel(BANK_SENSORS[i]!)}`, 'ppm', 2, NOX], 5),
  scalar(0x84, 'Manifold surface temperature', '°C', { add: -40 }),
  multi(
    0x85,
    'NOx reagent system',
    [
      ['averageConsumption', 'Average reagent consumption', 'L/h', 2, 0.005],
      ['averageDemandedConsumption', 'Average demanded reagent consumption', 'L/h', 2, 0.005],
      ['tankLevel', 'Reagent tank level', '%', 1, PERCENT],
      ['nwiTime', 'Non-warning indicator (NWI) time', 's', 4, 1],
    ],
    { supportByte: true },
  ),
  sensorArray(0x86, 'Particulate matter (PM) sensor', 2, (i) => [
    `bank${i + 1}Sensor1`,
    `PM sensor mass concentration Bank ${i + 1}, Sensor 1`,
    'mg/m³',
    2,
    PM,
  ]),
  sensorArray(0x87, 'Intake manifold absolute pressure', 2, (i) => [
    `sensor${'AB'[i]}`,
    `Intake manifold absolute pressure sensor ${'AB'[i]}`,
    'kPa',
    2,
    1 / 32,
  ]),
  statusAndCounters(
    0x88,
    'SCR inducement system',
    ['reagentLevelLow', 'incorrectReagent', 'reagentConsumptionDeviation', 'noxEmissionsTooHigh', '', '', '', 'inducementActive'],
    Array.from({ length: 6 }, (_, i): FieldSpec => [`distance${i + 1}`, `Inducement system distance counter ${i + 1}`, 'km', 2, 1]),
  ),
  aecd(0x89, 11),
  aecd(0x8a, 16),
  {
    ...custom(0x8b, 'Diesel aftertreatment status', 7, (d) => {
      const supported = d[0]!;
      const status: Record<string, SubValue> = {};
      ['dpfRegenerationActive', 'dpfActiveRegeneration', 'noxAdsorberRegenerationActive', 'noxAdsorberDesulfurizationActive'].forEach((k, i) => {
        status[k] = { name: k, value: (supported >> i) % 2 === 1 ? (d[1]! >> i) % 2 === 1 : null, unit: '' };
      });
      for (const f of dieselAftertreatmentFields) status[f.key] = { name: f.name, value: readField(d, f), unit: f.unit };
      return { value: d[1]!, unit: '', values: status };
    }),
    fields: dieselAftertreatmentFields,
  },
  wideRangeOxygen(0x8c, 'Oxygen sensor (wide range)'),
  scalar(0x8d, 'Throttle position G', '%', { scale: PERCENT }),
  scalar(0x8e, 'Engine friction - percent torque', '%', { add: -125 }),
  // Earlier J1979 revisions stop after the two concentrations (5 bytes).
  multi(
    0x8f,
    'PM sensor Bank 1 & 2',
    [
      ['bank1', 'PM sensor Bank 1 mass concentration', 'mg/m³', 2, PM],
      ['bank2', 'PM sensor Bank 2 mass concentration', 'mg/m³', 2, PM],
      ['bank1Status', 'PM sensor Bank 1 operating status', '', 1, 1, 0, { supportBit: 0 }],
      ['bank2Status', 'PM sensor Bank 2 operating status', '', 1, 1, 0, { supportBit: 1 }],
    ],
    { supportByte: true, minBytes: 5 },
  ),
  statusAndCounters(0x90, 'WWH-OBD vehicle OBD system information', [], [['miTime', 'Time with malfunction indicator (MI) on', 'h', 2, 1]]),
  statusAndCounters(
    0x91,
    'WWH-OBD ECU OBD system information',
    [],
    [
      ['continuousMiTime', 'Cumulative continuous-MI counter', 'h', 2, 1],
      ['b1Time', 'B1 counter', 'h', 2, 1],
    ],
  ),
  custom(0x92, 'Fuel system control', 2, (d) => ({
    value: { supported: d[0]!, status: d[1]! },
    unit: '',
  })),
  statusAndCounters(0x93, 'WWH-OBD vehicle OBD counters support', [], [['counter', 'WWH-OBD counter', 'h', 2, 1]]),
  statusAndCounters(
    0x94,
    'NOx warning and inducement system',
    [],
    [
      ['status', 'Inducement status byte', '', 1, 1],
      ...Array.from({ length: 5 }, (_, i): FieldSpec => [`counter${i + 1}`, `NOx warning and inducement counter ${i + 1}`, 'h', 2, 1]),
    ],
  ),
  sensorArray(0x98, 'Exhaust gas temperature sensors Bank 1, Sensors 5-8', 4, (i) => [
    `sensor${i + 5}`,
    `Exhaust gas temperature Bank 1, Sensor ${i + 5}`,
    '°C',
    2,
    1 / 10,
    -40,
  ]),
  sensorArray(0x99, 'Exhaust gas temperature sensors Bank 2, Sensors 5-8', 4, (i) => [
    `sensor${i + 5}`,
    `Exhaust gas temperature Bank 2, Sensor ${i + 5}`,
    '°C',
    2,
    1 / 10,
    -40,
  ]),
  multi(
    0x9a,
    'Hybrid/EV vehicle system data, battery, voltage',
    [
      ['chargingState', 'Hybrid/EV charging state', '', 1, 1],
      ['batteryVoltage', 'Hybrid/EV battery system voltage', 'V', 2, 1 / 64],
      ['batteryCurrent', 'Hybrid/EV battery system current', 'A', 2, 1 / 10, 0, { signed: true }],
    ],
    { supportByte: true },
  ),
  multi(
    0x9b,
    'Diesel exhaust fluid sensor data',
    [
      ['concentration', 'Diesel exhaust fluid concentration', '%', 1, 0.25],
      ['tankTemperature', 'Diesel exhaust fluid tank temperature', '°C', 1, 1, -40],
      ['tankLevel', 'Diesel exhaust fluid tank level', '%', 1, PERCENT],
    ],
    { supportByte: true },
  ),
  wideRangeOxygen(0x9c, 'Oxygen sensor data'),
  multi(0x9d, 'Engine fuel rate', [
    ['engine', 'Engine fuel rate', 'g/s', 2, 1 / 50],
    ['vehicle', 'Vehicle fuel rate', 'g/s', 2, 1 / 50],
  ]),
  scalar(0x9e, 'Engine exhaust flow rate', 'kg/h', { size: 2, scale: 1 / 5 }),
  sensorArray(0x9f, 'Fuel system percentage use', 8, (i) => [`system${i + 1}`, `Fuel system percentage use ${i + 1}`, '%', 1, PERCENT]),
];
