import type { DtcState } from './decoder/index.ts';
import type { DtcReport } from './ingest-plan.ts';

/** A fault code's status in a vehicle's list. */
export type DtcStatus = DtcState | 'cleared';

/** One row of a vehicle's fault-code list. */
export interface DtcRow {
  code: string;
  status: DtcStatus;
  firstSeen: Date;
  lastSeen: Date;
}

// When one message reports a code in several lists, the most lasting state is kept.
const RANK: Record<DtcState, number> = { pending: 1, active: 2, permanent: 3 };

/**
 * The fault-code list after a report: reported codes take their state (first seen kept, last
 * seen now); a mode 04 answer clears every code but the permanent ones (only the ECU clears
 * those); codes missing from a list the report carried in full are cleared. `detected` are the
 * codes new to the vehicle, or back after being cleared. Pure.
 */
export function applyDtcReport(existing: readonly DtcRow[], report: DtcReport, now: Date): { changed: DtcRow[]; detected: DtcRow[] } {
  const before = new Map(existing.map((row) => [row.code, row]));
  const reported = new Map<string, DtcState>();
  for (const { code, state } of report.codes) {
    const seen = reported.get(code);
    if (seen === undefined || RANK[state] > RANK[seen]) reported.set(code, state);
  }
  const changed: DtcRow[] = [];
  const detected: DtcRow[] = [];
  for (const row of existing) {
    if (reported.has(row.code) || row.status === 'cleared') continue;
    const gone = (report.cleared && row.status !== 'permanent') || report.complete.includes(row.status);
    if (gone) changed.push({ ...row, status: 'cleared' });
  }
  for (const [code, state] of reported) {
    const old = before.get(code);
    const row: DtcRow = { code, status: state, firstSeen: old?.firstSeen ?? now, lastSeen: now };
    changed.push(row);
    if (!old || old.status === 'cleared') detected.push(row);
  }
  return { changed, detected };
}
