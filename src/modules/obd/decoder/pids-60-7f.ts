import { custom, flags, multi, scalar, supportedPids, type FieldSpec } from './pid-builders.ts';
import type { PidDefinition } from './types.ts';

const PERCENT = 100 / 255;
const TORQUE = { add: -125 };

const temp1 = (key: string, name: string): FieldSpec => [key, name, '°C', 1, 1, -40];
const temp2 = (key: string, name: string): FieldSpec => [key, name, '°C', 2, 1 / 10, -40];
const pct = (key: string, name: string): FieldSpec => [key, name, '%', 1, PERCENT];
const banks = ['bank1Sensor1', 'bank1Sensor2', 'bank2Sensor1', 'bank2Sensor2'];
const bankName = (k: string) => k.replace(/bank(\d)Sensor(\d)/, 'Bank $1, Sensor $2');

/** A = support bits, then one reading per sensor (J1979 "multi-sensor" PIDs 66-7C). */
function sensors(pid: number, name: string, specs: FieldSpec[], minBytes?: number): PidDefinition {
  return multi(pid, name, specs, { supportByte: true, ...(minBytes ? { minBytes } : {}) });
}

function turboTemperatures(pid: number, turbo: 'A' | 'B'): PidDefinition {
  return sensors(pid, `Turbocharger ${turbo} temperature`, [
    temp1('compressorInlet', `Turbocharger ${turbo} compressor inlet temperature`),
    temp1('compressorOutlet', `Turbocharger ${turbo} compressor outlet temperature`),
    temp2('turbineInlet', `Turbocharger ${turbo} turbine inlet temperature`),
    temp2('turbineOutlet', `Turbocharger ${turbo} turbine outlet temperature`),
  ]);
}

function egt(pid: number, bank: number): PidDefinition {
  return sensors(
    pid,
    `Exhaust gas temperature (EGT) Bank ${bank}`,
    [1, 2, 3, 4].map((s) => temp2(`sensor${s}`, `Exhaust gas temperature Bank ${bank}, Sensor ${s}`)),
  );
}

function dpf(pid: number, bank: number): PidDefinition {
  return sensors(pid, `Diesel particulate filter (DPF) Bank ${bank}`, [
    ['deltaPressure', `DPF Bank ${bank} differential pressure`, 'kPa', 2, 1 / 100, 0, { signed: true }],
    ['inletPressure', `DPF Bank ${bank} inlet pressure`, 'kPa', 2, 1 / 100],
    ['outletPressure', `DPF Bank ${bank} outlet pressure`, 'kPa', 2, 1 / 100],
  ]);
}

function nteStatus(pid: number, pollutant: 'NOx' | 'PM'): PidDefinition {
  return custom(pid, `${pollutant} NTE (Not-To-Exceed) control area status`, 1, (d) => ({
    value: flags(d[0]!, ['insideControlArea', 'outsideControlArea', 'insideManufacturerCarveOutArea', 'nteDeficiencyActive']),
    unit: '',
  }));
}

const CONTROL_STATUS = ['not available', 'open loop', 'closed loop', 'fault present'];

/**
 * PIDs 70 and 71 end with a status byte: bits 0-1 / 2-3 give the control state of A / B,
 * supported when bits 4 / 5 of byte A are set.
 */
function withControlStatus(def: PidDefinition, what: string): PidDefinition {
  const at = def.bytes;
  return {
    ...def,
    bytes: at + 1,
    decode(d) {
      const reading = def.decode(d);
      const status = d[at];
      ['A', 'B'].forEach((x, i) => {
        const supported = status !== undefined && (d[0]! >> (4 + i)) % 2 === 1;
        reading.values![`controlStatus${x}`] = {
          name: `${what} ${x} control status`,
          value: supported ? CONTROL_STATUS[(status >> (2 * i)) & 3]! : null,
          unit: '',
        };
      });
      return reading;
    },
  };
}

export const pids60to7f: PidDefinition[] = [
  supportedPids(0x60),
  scalar(0x61, "Driver's demand engine - percent torque", '%', TORQUE),
  scalar(0x62, 'Actual engine - percent torque', '%', TORQUE),
  scalar(0x63, 'Engine reference torque', 'Nm', { size: 2 }),
  multi(0x64, 'Engine percent torque data', [
    ['idle', 'Engine percent torque at idle', '%', 1, 1, -125],
    ['point1', 'Engine percent torque at engine point 1', '%', 1, 1, -125],
    ['point2', 'Engine percent torque at engine point 2', '%', 1, 1, -125],
    ['point3', 'Engine percent torque at engine point 3', '%', 1, 1, -125],
    ['point4', 'Engine percent torque at engine point 4', '%', 1, 1, -125],
  ]),
  custom(0x65, 'Auxiliary input / output supported', 2, (d) => {
    const names = ['powerTakeOff', 'automaticTransmissionInDrive', 'manualTransmissionInGear', 'glowPlugLamp'];
    const supported = flags(d[0]!, names);
    const state = flags(d[1]!, names);
    return { value: Object.fromEntries(names.map((n) => [n, supported[n] ? state[n]! : null])), unit: '' };
  }),
  sensors(0x66, 'Mass air flow sensor', [
    ['sensorA', 'Mass air flow sensor A', 'g/s', 2, 1 / 32],
    ['sensorB', 'Mass air flow sensor B', 'g/s', 2, 1 / 32],
  ]),
  sensors(0x67, 'Engine coolant temperature sensors', [
    temp1('sensor1', 'Engine coolant temperature sensor 1'),
    temp1('sensor2', 'Engine coolant temperature sensor 2'),
  ]),
  // Early J1979 defined two sensors (3 bytes); the current one defines two banks of three.
  sensors(
    0x68,
    'Intake air temperature sensors',
    ['bank1Sensor1', 'bank1Sensor2', 'bank1Sensor3', 'bank2Sensor1', 'bank2Sensor2', 'bank2Sensor3'].map((k) =>
      temp1(k, `Intake air temperature ${bankName(k)}`),
    ),
    3,
  ),
  sensors(0x69, 'Commanded EGR and EGR error', [
    pct('commandedEgrA', 'Commanded EGR A duty cycle/position'),
    pct('actualEgrA', 'Actual EGR A duty cycle/position'),
    ['egrAError', 'EGR A error', '%', 1, 100 / 128, -100],
    pct('commandedEgrB', 'Commanded EGR B duty cycle/position'),
    pct('actualEgrB', 'Actual EGR B duty cycle/position'),
    ['egrBError', 'EGR B error', '%', 1, 100 / 128, -100],
  ]),
  sensors(0x6a, 'Commanded diesel intake air flow control and relative intake air flow position', [
    pct('commandedA', 'Commanded intake air flow A control'),
    pct('relativeA', 'Relative intake air flow A position'),
    pct('commandedB', 'Commanded intake air flow B control'),
    pct('relativeB', 'Relative intake air flow B position'),
  ]),
  sensors(
    0x6b,
    'Exhaust gas recirculation temperature',
    banks.map((k) => temp1(k, `EGR temperature ${bankName(k)}`)),
  ),
  sensors(0x6c, 'Commanded throttle actuator control and relative throttle position', [
    pct('commandedA', 'Commanded throttle actuator A control'),
    pct('relativeA', 'Relative throttle A position'),
    pct('commandedB', 'Commanded throttle actuator B control'),
    pct('relativeB', 'Relative throttle B position'),
  ]),
  sensors(
    0x6d,
    'Fuel pressure control system',
    [
      ['commandedRailPressureA', 'Commanded fuel rail pressure A', 'kPa', 2, 10],
      ['railPressureA', 'Fuel rail pressure A', 'kPa', 2, 10],
      temp1('railTemperatureA', 'Fuel rail temperature A'),
      ['commandedRailPressureB', 'Commanded fuel rail pressure B', 'kPa', 2, 10],
      ['railPressureB', 'Fuel rail pressure B', 'kPa', 2, 10],
      temp1('railTemperatureB', 'Fuel rail temperature B'),
    ],
    6,
  ),
  sensors(
    0x6e,
    'Injection pressure control system',
    [
      ['commandedPressureA', 'Commanded injection control pressure A', 'kPa', 2, 10],
      ['pressureA', 'Injection control pressure A', 'kPa', 2, 10],
      ['commandedPressureB', 'Commanded injection control pressure B', 'kPa', 2, 10],
      ['pressureB', 'Injection control pressure B', 'kPa', 2, 10],
    ],
    5,
  ),
  sensors(0x6f, 'Turbocharger compressor inlet pressure', [
    ['sensorA', 'Turbocharger compressor inlet pressure A', 'kPa', 1, 1],
    ['sensorB', 'Turbocharger compressor inlet pressure B', 'kPa', 1, 1],
  ]),
  withControlStatus(
    multi(
      0x70,
      'Boost pressure control',
      [
        ['commandedA', 'Commanded boost pressure A', 'kPa', 2, 1 / 32],
        ['sensorA', 'Boost pressure sensor A', 'kPa', 2, 1 / 32],
        ['commandedB', 'Commanded boost pressure B', 'kPa', 2, 1 / 32],
        ['sensorB', 'Boost pressure sensor B', 'kPa', 2, 1 / 32],
      ],
      { supportByte: true, minBytes: 9 },
    ),
    'Boost pressure',
  ),
  withControlStatus(
    sensors(
      0x71,
      'Variable geometry turbo (VGT) control',
      [
        pct('commandedPositionA', 'Commanded VGT A position'),
        pct('positionA', 'VGT A position'),
        pct('commandedPositionB', 'Commanded VGT B position'),
        pct('positionB', 'VGT B position'),
      ],
      5,
    ),
    'VGT',
  ),
  sensors(0x72, 'Wastegate control', [
    pct('commandedPositionA', 'Commanded wastegate A position'),
    pct('positionA', 'Wastegate A position'),
    pct('commandedPositionB', 'Commanded wastegate B position'),
    pct('positionB', 'Wastegate B position'),
  ]),
  sensors(0x73, 'Exhaust pressure', [
    ['bank1', 'Exhaust pressure sensor Bank 1', 'kPa', 2, 1 / 100],
    ['bank2', 'Exhaust pressure sensor Bank 2', 'kPa', 2, 1 / 100],
  ]),
  sensors(0x74, 'Turbocharger speed', [
    ['turboA', 'Turbocharger A speed', 'rpm', 2, 10],
    ['turboB', 'Turbocharger B speed', 'rpm', 2, 10],
  ]),
  turboTemperatures(0x75, 'A'),
  turboTemperatures(0x76, 'B'),
  sensors(
    0x77,
    'Charge air cooler temperature (CACT)',
    banks.map((k) => temp1(k, `Charge air cooler temperature ${bankName(k)}`)),
  ),
  egt(0x78, 1),
  egt(0x79, 2),
  dpf(0x7a, 1),
  dpf(0x7b, 2),
  sensors(0x7c, 'Diesel particulate filter (DPF) temperature', [
    temp2('bank1Inlet', 'DPF Bank 1 inlet temperature'),
    temp2('bank1Outlet', 'DPF Bank 1 outlet temperature'),
    temp2('bank2Inlet', 'DPF Bank 2 inlet temperature'),
    temp2('bank2Outlet', 'DPF Bank 2 outlet temperature'),
  ]),
  nteStatus(0x7d, 'NOx'),
  nteStatus(0x7e, 'PM'),
  sensors(0x7f, 'Engine run time', [
    ['total', 'Total engine run time', 's', 4, 1],
    ['idle', 'Total idle run time', 's', 4, 1],
    ['powerTakeOff', 'Total run time with PTO active', 's', 4, 1],
  ]),
];
