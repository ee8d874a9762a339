import { describe, expect, it } from 'vitest';
import { applyDtcReport, type DtcRow } from './dtc-transitions.ts';

const day1 = new Date('2026-03-01T08:00:00Z');
const day2 = new Date('2026-03-02T08:00:00Z');
const row = (code: string, status: DtcRow['status']): DtcRow => ({ code, status, firstSeen: day1, lastSeen: day1 });

describe('a vehicle fault-code list', () => {
  it('detects new codes and keeps when an old one was first seen', () => {
    const { changed, detected } = applyDtcReport([row('P0301', 'active')], { codes: [{ code: 'P0301', state: 'active' }, { code: 'P0420', state: 'pending' }], cleared: false, complete: [] }, day2);
    expect(detected).toEqual([{ code: 'P0420', status: 'pending', firstSeen: day2, lastSeen: day2 }]);
    expect(changed).toContainEqual({ code: 'P0301', status: 'active', firstSeen: day1, lastSeen: day2 });
  });

  it('clears codes missing from a list reported in full, and every code but permanent ones on mode 04', () => {
    const existing = [row('P0301', 'active'), row('P0420', 'pending'), row('P0171', 'permanent')];
    const full = applyDtcReport(existing, { codes: [], cleared: false, complete: ['active'] }, day2);
    expect(full.changed).toEqual([{ ...row('P0301', 'cleared') }]);
    const cleared = applyDtcReport(existing, { codes: [], cleared: true, complete: [] }, day2);
    expect(cleared.changed.map((r) => [r.code, r.status])).toEqual([['P0301', 'cleared'], ['P0420', 'cleared']]);
  });

  it('detects a cleared code that comes back, and keeps the most lasting state reported', () => {
    const { changed, detected } = applyDtcReport([row('P0301', 'cleared')], { codes: [{ code: 'P0301', state: 'pending' }, { code: 'P0301', state: 'permanent' }, { code: 'P0301', state: 'active' }], cleared: false, complete: [] }, day2);
    expect(detected).toHaveLength(1);
    expect(changed).toEqual([{ code: 'P0301', status: 'permanent', firstSeen: day1, lastSeen: day2 }]);
  });
});
