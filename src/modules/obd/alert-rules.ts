import type { AlertRule } from './events.ts';
import type { PlannedReading } from './ingest-plan.ts';

/** Coolant above this is overheating (°C, PID 05, and the sensors of PID 67). */
export const COOLANT_LIMIT_C = 110;
/** Control-module voltage under this, engine running or not, means a weak battery or charging (V, PID 42). */
export const VOLTAGE_FLOOR_V = 11.8;

/** A reading that crossed a rule's threshold. */
export interface RuleHit {
  rule: AlertRule;
  value: number;
  threshold: number;
  cylinder?: number;
}

const isCoolant = (pid: string) => pid === '05' || pid.startsWith('67.');

/**
 * The alerts a message's readings raise: the hottest coolant reading above 110 °C, the lowest
 * control-module voltage under 11.8 V. At most one hit per rule per message.
 */
export function readingAlerts(readings: readonly PlannedReading[]): RuleHit[] {
  let hottest: number | undefined;
  let lowest: number | undefined;
  for (const r of readings) {
    if (isCoolant(r.pid) && r.value > COOLANT_LIMIT_C && (hottest === undefined || r.value > hottest)) hottest = r.value;
    if (r.pid === '42' && r.value < VOLTAGE_FLOOR_V && (lowest === undefined || r.value < lowest)) lowest = r.value;
  }
  const hits: RuleHit[] = [];
  if (hottest !== undefined) hits.push({ rule: 'coolant-hot', value: hottest, threshold: COOLANT_LIMIT_C });
  if (lowest !== undefined) hits.push({ rule: 'battery-low', value: lowest, threshold: VOLTAGE_FLOOR_V });
  return hits;
}

/**
 * The cylinders whose misfire count of the current driving cycle rose since the last count
 * known (`previous`); a first count above zero counts as rising. The largest rise is reported.
 */
export function risingMisfires(previous: ReadonlyMap<number, number>, current: readonly { cylinder: number; count: number }[]): RuleHit | undefined {
  let worst: { cylinder: number; count: number; rise: number } | undefined;
  for (const { cylinder, count } of current) {
    const rise = count - (previous.get(cylinder) ?? 0);
    if (rise > 0 && (worst === undefined || rise > worst.rise)) worst = { cylinder, count, rise };
  }
  return worst && { rule: 'misfire-rising', value: worst.count, threshold: previous.get(worst.cylinder) ?? 0, cylinder: worst.cylinder };
}
