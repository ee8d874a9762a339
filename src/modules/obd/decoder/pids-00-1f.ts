import { dtcFromBytes } from './dtc-bytes.ts';
import { monitorStatus } from './monitor-status.ts';
import { oxygenSensorPids } from './oxygen-sensors.ts';
import { custom, enumerated, scalar, supportedPids } from './pid-builders.ts';
import { fuelSystemStatus, obdStandard, secondaryAirStatus } from './pid-enumerations.ts';
import type { PidDefinition } from './types.ts';

const PERCENT = 100 / 255;
const TRIM = 100 / 128;

export const pids00to1f: PidDefinition[] = [
  supportedPids(0x00),
  custom(0x01, 'Monitor status since DTCs cleared', 4, (d) => ({ value: monitorStatus(d, true), unit: '' })),
  custom(0x02, 'DTC that caused the freeze frame', 2, (d) => ({
    value: d[0] === 0 && d[1] === 0 ? null : dtcFromBytes(d[0]!, d[1]!),
    unit: '',
  })),
  custom(0x03, 'Fuel system status', 2, (d) => ({
    value: {
      system1: { code: d[0]!, label: fuelSystemStatus(d[0]!) },
      system2: { code: d[1]!, label: fuelSystemStatus(d[1]!) },
    },
    unit: '',
  })),
  scalar(0x04, 'Calculated engine load', '%', { scale: PERCENT }),
  scalar(0x05, 'Engine coolant temperature', '°C', { add: -40 }),
  scalar(0x06, 'Short term fuel trim - Bank 1', '%', { scale: TRIM, add: -100 }),
  scalar(0x07, 'Long term fuel trim - Bank 1', '%', { scale: TRIM, add: -100 }),
  scalar(0x08, 'Short term fuel trim - Bank 2', '%', { scale: TRIM, add: -100 }),
  scalar(0x09, 'Long term fuel trim - Bank 2', '%', { scale: TRIM, add: -100 }),
  scalar(0x0a, 'Fuel pressure (gauge)', 'kPa', { scale: 3 }),
  scalar(0x0b, 'Intake manifold absolute pressure', 'kPa'),
  scalar(0x0c, 'Engine speed', 'rpm', { size: 2, scale: 1 / 4 }),
  scalar(0x0d, 'Vehicle speed', 'km/h'),
  scalar(0x0e, 'Timing advance', '° before TDC', { scale: 1 / 2, add: -64 }),
  scalar(0x0f, 'Intake air temperature', '°C', { add: -40 }),
  scalar(0x10, 'Mass air flow sensor air flow rate', 'g/s', { size: 2, scale: 1 / 100 }),
  scalar(0x11, 'Throttle position', '%', { scale: PERCENT }),
  enumerated(0x12, 'Commanded secondary air status', secondaryAirStatus),
  ...oxygenSensorPids.filter((p) => p.pid <= 0x1f),
  enumerated(0x1c, 'OBD standards this vehicle conforms to', obdStandard),
  custom(0x1e, 'Auxiliary input status', 1, (d) => ({ value: { powerTakeOffActive: d[0]! % 2 === 1 }, unit: '' })),
  scalar(0x1f, 'Run time since engine start', 's', { size: 2 }),
];
