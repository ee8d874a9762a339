import type { Clock } from '../../platform/clock.ts';
import type { TypedPublisher } from '../../platform/module/events.ts';
import type { SqlDatabase, SqlExecutor } from '../../platform/ports/sql.ts';
import { readingAlerts, risingMisfires, type RuleHit } from './alert-rules.ts';
import type { DeviceRoute } from './device-store.ts';
import { applyDtcReport, type DtcRow } from './dtc-transitions.ts';
import { dtcStore } from './dtc-store.ts';
import { describeDtc } from './dtc/index.ts';
import type { obdEvents } from './events.ts';
import type { IngestPlan } from './ingest-plan.ts';
import { parisDay } from './paris-day.ts';

export interface FaultAlertsDeps {
  db: SqlDatabase;
  clock: Clock;
  events: TypedPublisher<typeof obdEvents>;
}

/**
 * Keeps each vehicle's fault-code list and raises the rules' events: `obd.dtc.detected` for
 * every new code, `obd.alert` for coolant, voltage and misfires at most once per rule per
 * vehicle per day (Europe/Paris). One transaction per message: the list, the day's claim and the
 * events commit together. Owner notifications follow from the events (owner-notices.ts).
 */
export class FaultAlerts {
  // Rules already notified today, so that a hot engine reporting every second costs no query.
  readonly #notified = new Set<string>();
  #notifiedDay = '';
  readonly #queues = new Map<string, Promise<void>>();

  constructor(private readonly deps: FaultAlertsDeps) {}

  /** True when the message may need the database (codes, misfires, or a rule not yet notified today). */
  concerns(route: DeviceRoute, plan: IngestPlan): boolean {
    if (plan.dtcs || plan.misfires.length > 0) return true;
    const day = this.#today();
    return readingAlerts(plan.readings).some((hit) => !this.#notified.has(`${route.vehicleId}|${hit.rule}|${day}`));
  }

  /** Applies one message; messages of one vehicle are applied one after the other. */
  process(route: DeviceRoute, plan: IngestPlan): Promise<void> {
    const previous = this.#queues.get(route.vehicleId) ?? Promise.resolve();
    const next = previous.then(() => this.#apply(route, plan));
    const settled = next.catch(() => {});
    this.#queues.set(route.vehicleId, settled);
    void settled.then(() => {
      if (this.#queues.get(route.vehicleId) === settled) this.#queues.delete(route.vehicleId);
    });
    return next;
  }

  async #apply(route: DeviceRoute, plan: IngestPlan): Promise<void> {
    const day = this.#today();
    const at = this.deps.clock.now().toISOString();
    const notified: string[] = [];
    await this.deps.db.transaction(async (tx) => {
      const hits = readingAlerts(plan.readings);
      if (plan.dtcs) {
        const { changed, detected } = applyDtcReport(await dtcStore.forUpdate(tx, route.vehicleId), plan.dtcs, plan.ts);
        await dtcStore.save(tx, route.vehicleId, changed);
        for (const row of detected) await this.#detected(tx, route, row, at);
      }
      if (plan.misfires.length > 0) {
        const rising = risingMisfires(await dtcStore.swapMisfires(tx, route.vehicleId, plan.misfires), plan.misfires);
        if (rising) hits.push(rising);
      }
      for (const hit of hits) {
        const key = `${route.vehicleId}|${hit.rule}|${day}`;
        if (this.#notified.has(key)) continue;
        if (await dtcStore.claimNotice(tx, route.vehicleId, hit.rule, day)) await this.#alert(tx, route, hit, at);
        notified.push(key);
      }
    });
    for (const key of notified) this.#notified.add(key);
  }

  async #detected(tx: SqlExecutor, route: DeviceRoute, row: DtcRow, at: string): Promise<void> {
    const fr = describeDtc(row.code, 'fr');
    await this.deps.events.publish(
      'obd.dtc.detected',
      {
        vehicleId: route.vehicleId,
        vehicleName: route.vehicleName,
        ownerUserId: route.ownerUserId,
        deviceId: route.deviceId,
        code: row.code,
        status: row.status === 'cleared' ? 'active' : row.status,
        description: fr?.description ?? row.code,
        system: fr?.system ?? 'unknown',
        at,
      },
      { subject: route.vehicleId, tx },
    );
  }

  async #alert(tx: SqlExecutor, route: DeviceRoute, hit: RuleHit, at: string): Promise<void> {
    await this.deps.events.publish(
      'obd.alert',
      {
        vehicleId: route.vehicleId,
        vehicleName: route.vehicleName,
        ownerUserId: route.ownerUserId,
        deviceId: route.deviceId,
        rule: hit.rule,
        value: hit.value,
        threshold: hit.threshold,
        ...(hit.cylinder ? { cylinder: hit.cylinder } : {}),
        at,
      },
      { subject: route.vehicleId, tx },
    );
  }

  #today(): string {
    const day = parisDay(this.deps.clock.now());
    if (day !== this.#notifiedDay) {
      this.#notified.clear();
      this.#notifiedDay = day;
    }
    return day;
  }
}
