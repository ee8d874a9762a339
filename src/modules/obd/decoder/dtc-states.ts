import type { DecodedFrame } from './types.ts';

export type DtcState = 'active' | 'pending' | 'permanent';

/**
 * The fault codes a decoded entry reports, with the state the DTC list keeps: mode 03 codes are
 * active (confirmed), mode 07 pending, mode 0A permanent; J1979-2 reports use their status
 * byte (confirmed → active, pending or failing now → pending) and 59 55 means permanent.
 * Codes whose status says neither are history, not reported.
 */
export function dtcStates(entry: DecodedFrame): { code: string; state: DtcState }[] {
  if (!('dtcs' in entry)) return [];
  if (entry.mode !== 0x19) {
    const state: DtcState = entry.mode === 3 ? 'active' : entry.mode === 7 ? 'pending' : 'permanent';
    return entry.dtcs.map((d) => ({ code: d.code, state }));
  }
  if (entry.subFunction === 0x55) return entry.dtcs.map((d) => ({ code: d.code, state: 'permanent' }));
  return entry.dtcs.flatMap((d): { code: string; state: DtcState }[] => {
    if (d.status.confirmed) return [{ code: d.code, state: 'active' }];
    if (d.status.pending || d.status.testFailed) return [{ code: d.code, state: 'pending' }];
    return [];
  });
}
