import { oxygenSensorPids } from './oxygen-sensors.ts';
import { scalar, supportedPids } from './pid-builders.ts';
import type { PidDefinition } from './types.ts';

const PERCENT = 100 / 255;

function catalyst(pid: number, location: string): PidDefinition {
  return scalar(pid, `Catalyst temperature - ${location}`, '°C', { size: 2, scale: 1 / 10, add: -40 });
}

export const pids20to3f: PidDefinition[] = [
  supportedPids(0x20),
  scalar(0x21, 'Distance traveled with malfunction indicator lamp (MIL) on', 'km', { size: 2 }),
  scalar(0x22, 'Fuel rail pressure (relative to manifold vacuum)', 'kPa', { size: 2, scale: 0.079 }),
  scalar(0x23, 'Fuel rail gauge pressure (diesel, or gasoline direct injection)', 'kPa', { size: 2, scale: 10 }),
  ...oxygenSensorPids.filter((p) => p.pid >= 0x20 && p.pid <= 0x3f),
  scalar(0x2c, 'Commanded EGR', '%', { scale: PERCENT }),
  scalar(0x2d, 'EGR error', '%', { scale: 100 / 128, add: -100 }),
  scalar(0x2e, 'Commanded evaporative purge', '%', { scale: PERCENT }),
  scalar(0x2f, 'Fuel tank level input', '%', { scale: PERCENT }),
  scalar(0x30, 'Warm-ups since codes cleared', 'count'),
  scalar(0x31, 'Distance traveled since codes cleared', 'km', { size: 2 }),
  // Two's complement, 0.25 Pa per bit.
  scalar(0x32, 'Evap. system vapor pressure', 'Pa', { size: 2, scale: 1 / 4, signed: true }),
  scalar(0x33, 'Absolute barometric pressure', 'kPa'),
  catalyst(0x3c, 'Bank 1, Sensor 1'),
  catalyst(0x3d, 'Bank 2, Sensor 1'),
  catalyst(0x3e, 'Bank 1, Sensor 2'),
  catalyst(0x3f, 'Bank 2, Sensor 2'),
];
