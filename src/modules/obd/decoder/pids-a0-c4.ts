import { custom, multi, readField, scalar, supportedPids, type FieldSpec } from './pid-builders.ts';
import type { PidDefinition, PidField } from './types.ts';

const PERCENT = 100 / 255;

const gearRatio: PidField = { key: 'ratio', name: 'Transmission actual gear ratio', unit: 'ratio', at: 2, size: 2, scale: 1 / 1000, add: 0, supportBit: 1 };

export const pidsA0toC4: PidDefinition[] = [
  supportedPids(0xa0),
  multi(
    0xa1,
    'NOx sensor corrected concentration',
    ['bank1Sensor1', 'bank1Sensor2', 'bank2Sensor1', 'bank2Sensor2'].map(
      (k): FieldSpec => [k, `NOx sensor corrected concentration ${k.replace(/bank(\d)Sensor(\d)/, 'Bank $1, Sensor $2')}`, 'ppm', 2, 0.1],
    ),
    { supportByte: true },
  ),
  scalar(0xa2, 'Cylinder fuel rate', 'mg/stroke', { size: 2, scale: 1 / 32 }),
  multi(
    0xa3,
    'Evap system vapor pressure',
    [
      ['evapA', 'Evap system vapor pressure A', 'Pa', 2, 1 / 4, 0, { signed: true }],
      ['evapAWide', 'Evap system vapor pressure A (wide range)', 'Pa', 2, 1, 0, { signed: true }],
      ['evapB', 'Evap system vapor pressure B', 'Pa', 2, 1 / 4, 0, { signed: true }],
      ['evapBWide', 'Evap system vapor pressure B (wide range)', 'Pa', 2, 1, 0, { signed: true }],
    ],
    { supportByte: true },
  ),
  {
    ...custom(0xa4, 'Transmission actual gear', 4, (d) => {
      // A bit 1: supported; B bits 7-4: gear (0 = neutral); C-D: actual gear ratio.
      const supported = (d[0]! >> 1) % 2 === 1;
      const gear = supported ? d[1]! >> 4 : null;
      return {
        value: gear,
        unit: '',
        values: {
          gear: { name: 'Transmission actual gear', value: gear, unit: '' },
          ratio: { name: gearRatio.name, value: readField(d, gearRatio), unit: 'ratio' },
        },
      };
    }),
    fields: [gearRatio],
  },
  {
    ...multi(0xa5, 'Commanded diesel exhaust fluid dosing', [['dosing', 'Commanded diesel exhaust fluid dosing', '%', 1, 1 / 2]], { supportByte: true }),
    bytes: 4,
  },
  scalar(0xa6, 'Odometer', 'km', { size: 4, scale: 1 / 10 }),
  multi(0xa7, 'NOx sensor concentration sensors 3 and 4', [
    ['sensor3', 'NOx sensor 3 concentration', 'ppm', 2, 0.1],
    ['sensor4', 'NOx sensor 4 concentration', 'ppm', 2, 0.1],
  ]),
  multi(0xa8, 'NOx sensor corrected concentration sensors 3 and 4', [
    ['sensor3', 'NOx sensor 3 corrected concentration', 'ppm', 2, 0.1],
    ['sensor4', 'NOx sensor 4 corrected concentration', 'ppm', 2, 0.1],
  ]),
  custom(0xa9, 'ABS disable switch state', 4, (d) => ({ value: d[0]! % 2 === 1 ? { absDisabled: d[1]! % 2 === 1 } : null, unit: '' }), 2),
  supportedPids(0xc0),
  // Two fuel level inputs, one byte each.
  multi(0xc3, 'Fuel level input A/B', [
    ['inputA', 'Fuel level input A', '%', 1, PERCENT],
    ['inputB', 'Fuel level input B', '%', 1, PERCENT],
  ]),
  multi(0xc4, 'Exhaust particulate control system diagnostic time/count', [
    ['time', 'Exhaust particulate control system diagnostic time', 's', 4, 1],
    ['count', 'Exhaust particulate control system diagnostic count', 'count', 4, 1],
  ]),
];
