import type { SqlDatabase } from '../../platform/ports/sql.ts';
import { on, type SubscriptionPart } from '../../platform/module/events.ts';
import type { UserNotifier } from '../../platform/notifications/user-notifier.ts';
import { dtcStore } from './dtc-store.ts';
import { describeDtc } from './dtc/index.ts';
import { obdEvents } from './events.ts';
import { parisDay } from './paris-day.ts';

/**
 * The owner notifications that follow the module's events, off the ingestion path: a new fault
 * code (at most once per code per vehicle per day, claimed before sending so that a redelivered
 * event does not notify twice) and an alert (already limited to one per rule per day when it
 * was raised). Each suggests describing the problem and booking.
 */
export function ownerNotices(deps: { db: SqlDatabase; notify: UserNotifier }): SubscriptionPart[] {
  return [
    on(obdEvents, 'obd.dtc.detected', async ({ data }) => {
      if (!(await dtcStore.claimNotice(deps.db, data.vehicleId, `dtc:${data.code}`, parisDay(new Date(data.at))))) return;
      await deps.notify.notify({
        userId: data.ownerUserId,
        kind: 'obd.fault-code',
        data: {
          vehicleId: data.vehicleId,
          vehicle: data.vehicleName,
          code: data.code,
          descriptionFr: describeDtc(data.code, 'fr')?.description ?? data.description,
          descriptionEn: describeDtc(data.code, 'en')?.description ?? data.description,
        },
        link: `/obd/vehicles/${data.vehicleId}/dtcs`,
      });
    }),
    on(obdEvents, 'obd.alert', async ({ data }) => {
      await deps.notify.notify({
        userId: data.ownerUserId,
        kind: `obd.${data.rule}`,
        data: { vehicleId: data.vehicleId, vehicle: data.vehicleName, value: Math.round(data.value * 10) / 10, ...(data.cylinder ? { cylinder: data.cylinder } : {}) },
        link: `/obd/vehicles/${data.vehicleId}`,
      });
    }),
  ];
}
