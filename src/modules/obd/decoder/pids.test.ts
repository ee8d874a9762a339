import { describe, expect, it } from 'vitest';
import { decodeFrames } from './index.ts';
import type { PidFrame } from './types.ts';

function decode(frame: string): PidFrame {
  const [entry] = decodeFrames([frame]);
  if (!entry || !('pid' in entry)) throw new Error(`not a PID entry: ${JSON.stringify(entry)}`);
  return entry;
}

const sub = (frame: string, key: string) => decode(frame).values?.[key]?.value;

describe('mode 01 formulas (SAE J1979 examples)', () => {
  it.each([
    ['41 0C 1A F8', 1726, 'rpm'],
    ['41 05 7B', 83, '°C'],
    ['41 0D 32', 50, 'km/h'],
    ['41 04 FF', 100, '%'],
    ['41 06 80', 0, '%'],
    ['41 07 00', -100, '%'],
    ['41 0A 5A', 270, 'kPa'],
    ['41 0B 65', 101, 'kPa'],
    ['41 0E 80', 0, '° before TDC'],
    ['41 0F 28', 0, '°C'],
    ['41 10 01 F4', 5, 'g/s'],
    ['41 11 33', 20, '%'],
    ['41 1F 01 2C', 300, 's'],
    ['41 21 00 0A', 10, 'km'],
    ['41 22 00 64', 7.9, 'kPa'],
    ['41 23 00 64', 1000, 'kPa'],
    ['41 2D 80', 0, '%'],
    ['41 2F 80', 50.196078, '%'],
    ['41 30 05', 5, 'count'],
    ['41 32 FF FC', -1, 'Pa'],
    ['41 33 65', 101, 'kPa'],
    ['41 3C 0F A0', 360, '°C'],
    ['41 42 30 D4', 12.5, 'V'],
    ['41 43 00 FF', 100, '%'],
    ['41 44 80 00', 1, 'ratio'],
    ['41 46 3C', 20, '°C'],
    ['41 4D 00 3C', 60, 'min'],
    ['41 50 0A 00 00 00', 100, 'g/s'],
    ['41 53 00 C8', 1, 'kPa'],
    ['41 54 80 00', 1, 'Pa'],
    ['41 59 01 00', 2560, 'kPa'],
    ['41 5C 82', 90, '°C'],
    ['41 5D 69 00', 0, '°'],
    ['41 5E 00 64', 5, 'L/h'],
    ['41 61 AF', 50, '%'],
    ['41 63 01 90', 400, 'Nm'],
    ['41 84 50', 40, '°C'],
    ['41 8E 7D', 0, '%'],
    ['41 9E 01 F4', 100, 'kg/h'],
    ['41 A2 00 40', 2, 'mg/stroke'],
    ['41 A6 00 01 E2 40', 12345.6, 'km'],
  ])('%s decodes to %d %s', (frame, value, unit) => {
    const d = decode(frame);
    expect(d.value).toBeCloseTo(value, 5);
    expect(d.unit).toBe(unit);
  });

  it('decodes the supported-PID bitmap of the J1979 example 41 00 BE 1F A8 13', () => {
    expect(decode('41 00 BE 1F A8 13').value).toEqual(['01', '03', '04', '05', '06', '07', '0C', '0D', '0E', '0F', '10', '11', '13', '15', '1C', '1F', '20']);
    expect(decode('41 A0 80 00 00 01').value).toEqual(['A1', 'C0']);
  });

  it('reads MIL, DTC count and readiness from PID 01', () => {
    const v = decode('41 01 83 07 65 04').value as Record<string, any>;
    expect(v.mil).toBe(true);
    expect(v.dtcCount).toBe(3);
    expect(v.ignition).toBe('spark');
    expect(v.continuous.misfire).toEqual({ available: true, complete: true });
    expect(v.nonContinuous.catalyst).toEqual({ available: true, complete: true });
    expect(v.nonContinuous.evaporativeSystem).toEqual({ available: true, complete: false });
    expect(v.nonContinuous.egrSystem).toEqual({ available: false, complete: false });
  });

  it('names the compression-ignition monitors when PID 01 byte B bit 3 is set', () => {
    const v = decode('41 01 00 0F C1 40').value as Record<string, any>;
    expect(v).toMatchObject({ mil: false, dtcCount: 0, ignition: 'compression' });
    expect(v.nonContinuous.nmhcCatalyst).toEqual({ available: true, complete: true });
    expect(v.nonContinuous.pmFilter).toEqual({ available: true, complete: false });
    expect(v.nonContinuous).not.toHaveProperty('catalyst');
  });

  it('gives PID 41 the readiness of this drive cycle without MIL or count', () => {
    const v = decode('41 41 00 07 65 04').value as Record<string, any>;
    expect(v).not.toHaveProperty('mil');
    expect(v.continuous.components).toEqual({ available: true, complete: true });
  });

  it('decodes enumerated PIDs 03, 12, 1C, 51 and 5F', () => {
    expect(decode('41 03 02 00').value).toEqual({
      system1: { code: 2, label: 'Closed loop, using oxygen sensor feedback to determine fuel mix' },
      system2: { code: 0, label: 'No fuel system' },
    });
    expect(decode('41 12 04').value).toEqual({ code: 4, label: 'From the outside atmosphere or off' });
    expect(decode('41 1C 06').value).toEqual({ code: 6, label: 'EOBD (Europe)' });
    expect(decode('41 51 04').value).toEqual({ code: 4, label: 'Diesel' });
    expect(decode('41 5F 0F').value).toEqual({ code: 15, label: 'Heavy Duty Vehicles (EURO V) B2' });
  });

  it('lists the oxygen sensors present from PIDs 13 and 1D', () => {
    expect(decode('41 13 33').value).toEqual(['B1S1', 'B1S2', 'B2S1', 'B2S2']);
    expect(decode('41 1D 81').value).toEqual(['B1S1', 'B4S2']);
  });

  it('decodes the three oxygen sensor layouts', () => {
    expect(sub('41 14 5A 80', 'voltage')).toBeCloseTo(0.45);
    expect(sub('41 14 5A 80', 'shortTermFuelTrim')).toBe(0);
    expect(sub('41 15 5A FF', 'shortTermFuelTrim')).toBeNull();
    expect(sub('41 24 80 00 80 00', 'equivalenceRatio')).toBe(1);
    expect(sub('41 24 80 00 80 00', 'voltage')).toBe(4);
    expect(sub('41 3B 80 00 81 00', 'current')).toBe(1);
  });

  it('decodes the maxima of PIDs 4F and 50', () => {
    const d = decode('41 4F 01 02 03 04');
    expect(Object.fromEntries(Object.entries(d.values!).map(([k, v]) => [k, v.value]))).toEqual({
      maxEquivalenceRatio: 1,
      maxOxygenSensorVoltage: 2,
      maxOxygenSensorCurrent: 3,
      maxIntakeManifoldPressure: 40,
    });
  });

  it('decodes engine percent torque data (64) as five points', () => {
    const d = decode('41 64 7D 8C 9B AA B9');
    expect(Object.values(d.values!).map((v) => v.value)).toEqual([0, 15, 30, 45, 60]);
  });

  it('honours the support bits of multi-sensor PIDs', () => {
    expect(sub('41 66 01 00 A0 00 C0', 'sensorA')).toBe(5);
    expect(sub('41 66 01 00 A0 00 C0', 'sensorB')).toBeNull();
    expect(sub('41 67 03 5A 64', 'sensor2')).toBe(60);
    expect(sub('41 78 05 1F 40 00 00 1F 40 00 00', 'sensor3')).toBe(760);
    expect(sub('41 78 05 1F 40 00 00 1F 40 00 00', 'sensor2')).toBeNull();
    expect(sub('41 7C 01 1F 40 00 00 00 00 00 00', 'bank1Inlet')).toBe(760);
  });

  it('accepts the three-byte PID 68 of early J1979 and the seven-byte one of today', () => {
    expect(sub('41 68 01 50 00', 'bank1Sensor1')).toBe(40);
    expect(sub('41 68 01 50 00', 'bank2Sensor3')).toBeNull();
    expect(sub('41 68 21 50 00 00 00 00 46', 'bank2Sensor3')).toBe(30);
  });

  it('decodes the signed DPF differential pressure and the turbo, boost and VGT PIDs', () => {
    expect(sub('41 7A 01 FF 9C 00 00 00 00', 'deltaPressure')).toBe(-1);
    expect(sub('41 74 01 0B B8 00 00', 'turboA')).toBe(30000);
    expect(sub('41 75 0C 00 00 1F 40 1F 40', 'turbineInlet')).toBe(760);
    const boost = decode('41 70 13 0F A0 00 00 00 00 00 00 02');
    expect(boost.values!.commandedA!.value).toBe(125);
    expect(boost.values!.controlStatusA!.value).toBe('closed loop');
    expect(boost.values!.controlStatusB!.value).toBeNull();
    expect(sub('41 71 11 80 00 00 00 03', 'controlStatusA')).toBe('fault present');
  });

  it('decodes the engine run time (7F) and AECD timers (81) in seconds', () => {
    expect(sub('41 7F 01 00 00 0E 10 00 00 00 00 00 00 00 00', 'total')).toBe(3600);
    const aecd = decode(`41 81 01 ${'00 00 00 3C '.repeat(10)}`.trim());
    expect(aecd.values!.aecd1Timer2!.value).toBe(60);
    expect(aecd.values!.aecd2Timer1!.value).toBeNull();
  });

  it('decodes gear, fuel rates, DEF dosing and ABS switch', () => {
    expect(decode('41 A4 02 30 0C 80').value).toBe(3);
    expect(sub('41 A4 02 30 0C 80', 'ratio')).toBe(3.2);
    expect(sub('41 9D 00 64 00 C8', 'vehicle')).toBe(4);
    expect(decode('41 A5 01 64 00 00').value).toBe(50);
    expect(decode('41 A9 01 01 00 00').value).toEqual({ absDisabled: true });
    expect(decode('41 A9 00 01 00 00').value).toBeNull();
    expect(sub('41 C4 00 00 00 78 00 00 00 03', 'count')).toBe(3);
  });

  it('decodes the diesel after-treatment PIDs of 80-9F', () => {
    expect(sub('41 83 03 03 E8 07 D0 00 00 00 00', 'bank1Sensor2')).toBe(200);
    expect(sub('41 83 03 03 E8 07 D0 00 00 00 00', 'bank2Sensor1')).toBeNull();
    const reagent = decode('41 85 0F 00 C8 01 90 80 00 00 0E 10');
    expect(Object.values(reagent.values!).map((v) => v.value)).toEqual([1, 2, 50.196078, 3600]);
    expect(sub('41 86 01 00 50 00 00', 'bank1Sensor1')).toBe(1);
    expect(sub('41 87 03 0C 80 0D 00', 'sensorB')).toBe(104);
    const dpf = decode('41 8B 7F 03 80 00 3C 01 F4');
    expect(dpf.values!.dpfRegenerationActive!.value).toBe(true);
    expect(dpf.values!.noxAdsorberRegenerationActive!.value).toBe(false);
    expect(dpf.values!.averageTimeBetweenRegenerations!.value).toBe(60);
    expect(dpf.values!.averageDistanceBetweenRegenerations!.value).toBe(500);
    expect(sub('41 8C 11 80 00 00 00 00 00 00 00 40 00 00 00 00 00 00 00', 'bank1Sensor1Concentration')).toBe(50);
    expect(sub('41 8C 11 80 00 00 00 00 00 00 00 40 00 00 00 00 00 00 00', 'bank1Sensor1Voltage')).toBe(2);
    expect(sub('41 9A 06 00 5A 00 FF 9C', 'batteryVoltage')).toBe(360);
    expect(sub('41 9A 06 00 5A 00 FF 9C', 'batteryCurrent')).toBe(-10);
    expect(sub('41 9B 07 80 3C FF', 'tankTemperature')).toBe(20);
    expect(sub('41 9B 07 80 3C FF', 'concentration')).toBe(32);
  });

  it('decodes mode 02 freeze frames with their frame number', () => {
    expect(decode('42 0C 00 1A F8')).toMatchObject({ mode: 2, pid: '0C', frame: 0, value: 1726 });
    expect(decode('42 02 00 01 33')).toMatchObject({ mode: 2, pid: '02', value: 'P0133', dtc: { code: 'P0133' } });
    expect(decode('42 02 00 00 00')).toMatchObject({ value: null, dtc: null });
  });

  it('reports short frames and PIDs J1979 does not define', () => {
    expect(decodeFrames(['41 0C 1A', '41 95 00', '41'])).toEqual([
      { error: { code: 'FRAME_TOO_SHORT', detail: 'PID 0C needs 2 data bytes, got 1' } },
      { error: { code: 'PID_UNKNOWN', detail: 'PID 95 is not defined by SAE J1979' } },
      { error: { code: 'FRAME_TOO_SHORT', detail: 'a mode 01 response is 41 <PID> <data>' } },
    ]);
  });
});

describe('multi-PID answers', () => {
  it('decodes every PID of a CAN answer to a multi-PID request', () => {
    const [entry] = decodeFrames(['41 0C 1A F8 0D 32 05 7B']) as PidFrame[];
    expect(entry).toMatchObject({ pid: '0C', value: 1726 });
    expect(entry!.also?.map((p) => [p.pid, p.value])).toEqual([
      ['0D', 50],
      ['05', 83],
    ]);
    const [uds] = decodeFrames(['62 F4 0C 1A F8 F4 0D 32']) as PidFrame[];
    expect(uds!.also).toEqual([{ mode: 0x22, pid: '0D', did: 'F40D', name: 'Vehicle speed', value: 50, unit: 'km/h' }]);
  });

  it('treats trailing bytes that are not whole PIDs as padding', () => {
    expect(decodeFrames(['41 0D 32 00 00 00 00 00'])[0]).not.toHaveProperty('also');
    expect(decodeFrames(['41 0D 32 AA AA'])[0]).toEqual({ mode: 1, pid: '0D', name: 'Vehicle speed', value: 50, unit: 'km/h' });
  });
});
