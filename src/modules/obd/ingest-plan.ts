import { decodeFrames, dtcStates, numericReadings, type DecodedFrame, type DtcState } from './decoder/index.ts';
import type { DevicePayload } from './payload.ts';

/** One number to store: '0C', or '14.voltage' for a sub-value. */
export interface PlannedReading {
  pid: string;
  value: number;
}

/** The fault codes one message reported, and which lists it reported in full. */
export interface DtcReport {
  codes: { code: string; state: DtcState }[];
  /** A mode 04 answer: the codes were cleared. */
  cleared: boolean;
  /** States whose whole list the message carried (mode 03, 07, 0A answers): codes absent from them are gone. */
  complete: DtcState[];
}

/** A frame the decoder could not read, as the HTTP answer lists it. */
export interface RejectedItem {
  index: number;
  code: string;
  detail: string;
}

/** What one device message amounts to, before anything is stored. */
export interface IngestPlan {
  ts: Date;
  accepted: number;
  rejected: RejectedItem[];
  readings: PlannedReading[];
  dtcs: DtcReport | undefined;
  /** Mode 06 misfire counts of the current driving cycle, by cylinder. */
  misfires: { cylinder: number; count: number }[];
}

const COMPLETE_LIST: Record<number, DtcState> = { 3: 'active', 7: 'pending', 0x0a: 'permanent' };
const MISFIRE_FIRST_MID = 0xa2;
const MISFIRE_LAST_MID = 0xad;

function misfiresOf(entry: DecodedFrame, out: IngestPlan['misfires']): void {
  if (!('mode' in entry) || entry.mode !== 6) return;
  for (const test of entry.tests) {
    const mid = Number.parseInt(test.mid, 16);
    // TID 0C: misfire counts of the last/current driving cycle (0B is a ten-cycle average).
    if (mid >= MISFIRE_FIRST_MID && mid <= MISFIRE_LAST_MID && test.tid === '0C' && typeof test.value === 'number') {
      out.push({ cylinder: mid - 0xa1, count: test.value });
    }
  }
}

function dtcsOf(entry: DecodedFrame, report: DtcReport): boolean {
  if ('cleared' in entry) {
    report.cleared = true;
    return true;
  }
  if (!('dtcs' in entry)) return false;
  report.codes.push(...dtcStates(entry));
  const complete = entry.mode === 0x19 ? undefined : COMPLETE_LIST[entry.mode];
  if (complete && !report.complete.includes(complete)) report.complete.push(complete);
  return true;
}

/**
 * Turns a device message into what is to be stored: numeric readings, fault-code states,
 * misfire counts, and the frames that could not be decoded. Pure; never throws.
 */
export function planIngest(payload: DevicePayload): IngestPlan {
  const plan: IngestPlan = { ts: payload.ts, accepted: 0, rejected: [], readings: [], dtcs: undefined, misfires: [] };
  if ('readings' in payload) {
    // The PID byte in upper case as the decoder writes it; a sub-value's name is kept as sent.
    plan.readings = payload.readings.map((r) => ({ pid: r.pid.slice(0, 2).toUpperCase() + r.pid.slice(2), value: r.value }));
    plan.accepted = payload.readings.length;
    return plan;
  }
  const report: DtcReport = { codes: [], cleared: false, complete: [] };
  let sawDtcs = false;
  const entries = decodeFrames(payload.frames, payload.protocol ? { protocol: payload.protocol } : {});
  entries.forEach((entry, index) => {
    if ('error' in entry) {
      plan.rejected.push({ index, code: entry.error.code, detail: entry.error.detail });
      return;
    }
    plan.accepted += 1;
    for (const r of numericReadings(entry)) plan.readings.push({ pid: r.pid, value: r.value });
    misfiresOf(entry, plan.misfires);
    sawDtcs = dtcsOf(entry, report) || sawDtcs;
  });
  if (sawDtcs) plan.dtcs = report;
  return plan;
}
