import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeDtcResponse, encodePid, encodeUdsDtcReport } from './decoder/index.ts';
import { planIngest } from './ingest-plan.ts';

const ts = new Date('2026-03-01T08:30:00Z');

describe('planning a device message', () => {
  it('turns frames into readings, sub-values included, and lists the frames it cannot decode', () => {
    const plan = planIngest({ ts, frames: [encodePid(0x0c, 1726), 'zz', '41 14 80 7F', '7F 01 12'] });
    expect(plan.readings).toEqual([
      { pid: '0C', value: 1726 },
      { pid: '14.voltage', value: 0.64 },
      { pid: '14.shortTermFuelTrim', value: -0.78125 },
    ]);
    expect(plan.accepted).toBe(2);
    expect(plan.rejected.map((r) => r.index)).toEqual([1, 3]);
    expect(plan.dtcs).toBeUndefined();
  });

  it('collects fault codes by state, and which lists came in full', () => {
    const plan = planIngest({ ts, frames: [...encodeDtcResponse(['P0301']), ...encodeDtcResponse(['P0420'], { mode: 7 })] });
    expect(plan.dtcs).toEqual({ codes: [{ code: 'P0301', state: 'active' }, { code: 'P0420', state: 'pending' }], cleared: false, complete: ['active', 'pending'] });
    expect(planIngest({ ts, frames: ['44'] }).dtcs).toEqual({ codes: [], cleared: true, complete: [] });
    const uds = planIngest({ ts, frames: [encodeUdsDtcReport([{ code: 'P0133', status: 0x08 }])] });
    expect(uds.dtcs).toEqual({ codes: [{ code: 'P0133', state: 'active' }], cleared: false, complete: [] });
  });

  it('reads the misfire counts of the current driving cycle from mode 06', () => {
    const plan = planIngest({ ts, frames: ['46 A2 0B 24 00 05 00 00 FF FF A2 0C 24 00 07 00 00 FF FF', '46 A4 0C 24 00 02 00 00 FF FF'] });
    expect(plan.misfires).toEqual([{ cylinder: 1, count: 7 }, { cylinder: 3, count: 2 }]);
  });

  it('keeps readings a device decoded itself, with the PID byte in upper case', () => {
    const plan = planIngest({ ts, readings: [{ pid: '0c', value: 800 }, { pid: '14.voltage', value: 0.4 }] });
    expect(plan.readings).toEqual([{ pid: '0C', value: 800 }, { pid: '14.voltage', value: 0.4 }]);
    expect(plan.accepted).toBe(2);
  });

  it('accounts for every frame: accepted plus rejected is the number of frames, whatever they hold', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b).toString('hex'))), { minLength: 1, maxLength: 20 }), (frames) => {
        const plan = planIngest({ ts, frames });
        expect(plan.accepted + plan.rejected.length).toBe(frames.length);
        for (const r of plan.readings) expect(Number.isFinite(r.value)).toBe(true);
      }),
    );
  });
});
