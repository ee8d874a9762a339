import { describe, expect, it } from 'vitest';
import { attribute, postbackChanges } from './attribution.ts';

const at = new Date('2026-03-10T12:00:00Z');
const click = { partnerId: 'p', linkId: 'l', orgId: 'o', at: new Date('2026-03-01T12:00:00Z'), bot: null };
const base = { clickIdGiven: true, click, partnerId: 'p', windowDays: 30, at };

describe('attribution', () => {
  it("credits the click's link inside the window, and explains every other case", () => {
    expect(attribute(base)).toEqual({ attributed: true, linkId: 'l', orgId: 'o' });
    expect(attribute({ ...base, clickIdGiven: false, click: undefined })).toEqual({ attributed: false, reason: 'NO_CLICK_ID' });
    expect(attribute({ ...base, click: undefined })).toEqual({ attributed: false, reason: 'CLICK_UNKNOWN' });
    expect(attribute({ ...base, partnerId: 'q' })).toEqual({ attributed: false, reason: 'CLICK_OTHER_PARTNER' });
    expect(attribute({ ...base, click: { ...click, bot: 'prefetch' } })).toEqual({ attributed: false, reason: 'CLICK_FROM_BOT' });
    expect(attribute({ ...base, windowDays: 8 })).toEqual({ attributed: false, reason: 'OUTSIDE_WINDOW' });
    expect(attribute({ ...base, windowDays: 9 }).attributed).toBe(true);
    expect(attribute({ ...base, at: new Date('2026-02-28T00:00:00Z') })).toEqual({ attributed: false, reason: 'OUTSIDE_WINDOW' });
  });

  it('moves statuses forward only, a reversal being final', () => {
    const stored = { status: 'approved' as const, amount: 100, category: null };
    expect(postbackChanges(stored, stored)).toBe(false);
    expect(postbackChanges(stored, { ...stored, status: 'pending' })).toBe(false);
    expect(postbackChanges(stored, { ...stored, amount: 90 })).toBe(true);
    expect(postbackChanges(stored, { ...stored, status: 'reversed' })).toBe(true);
    expect(postbackChanges({ ...stored, status: 'reversed' }, { ...stored, status: 'reversed', amount: 5 })).toBe(false);
  });
});
