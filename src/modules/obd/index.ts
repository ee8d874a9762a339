import { createApiRouter } from '../../platform/http/router.ts';
import type { MqttAccessHooks } from '../../platform/module/mqtt-access.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import type { SqlExecutor } from '../../platform/ports/sql.ts';
import { deviceDirectory } from './device-directory.ts';
import { deviceMqttAccess } from './device-mqtt-access.ts';
import { DeviceService } from './device-service.ts';
import { deviceMqttUrl, obdConfig } from './config.ts';
import { obdEvents } from './events.ts';
import { FaultAlerts } from './fault-alerts.ts';
import { Ingestion, type StoredMessage } from './ingestion.ts';
import { LiveHub } from './live-hub.ts';
import { obdMigrations } from './migrations.ts';
import { ownerNotices } from './owner-notices.ts';
import { PointBatcher } from './point-batcher.ts';
import { deviceRoutes } from './routes-devices.ts';
import { ingestRoutes } from './routes-ingest.ts';
import { liveRoutes } from './routes-live.ts';
import { vehicleDataRoutes } from './routes-vehicle-data.ts';
import { obdTemplates } from './templates.ts';
import type { ProVehicleAccess } from './vehicle-access.ts';

export { obdEvents, ALERT_RULES, type AlertRule } from './events.ts';
export type { StoredMessage } from './ingestion.ts';
export type { ProVehicleAccess } from './vehicle-access.ts';
export { dataTopic, commandTopic } from './device-service.ts';

/** The MQTT topic filter of every device's readings, which the platform's client subscribes to. */
export const OBD_DATA_FILTER = 'novaevo/v1/devices/+/obd';

export interface ObdModuleOptions {
  /** Called once a device message's readings are stored (benchmarks: publish-to-stored latency). */
  onStored?: (message: StoredMessage) => void;
  /** Lets pros see the vehicles their organisation has a booking for: planning's face over the platform's database, wired by the runtime. */
  proAccess?: (db: SqlExecutor) => ProVehicleAccess;
}

/**
 * Builds the OBD module; `obdModule` is it without options. Devices (dongles) connect over MQTT
 * (or HTTP) with an id and secret, their ELM327 frames are decoded and stored in the time
 * series (`obd.<pid>`, per vehicle), fault codes are tracked per vehicle, and rules notify the
 * owner (new fault code, overheating, low voltage, rising misfires).
 */
export function createObdModule(options: ObdModuleOptions = {}): PlatformModule<typeof obdConfig, typeof obdEvents> {
  return {
    name: 'obd',
    migrations: obdMigrations,
    events: obdEvents,
    config: obdConfig,
    async init(ctx) {
      const proAccess = options.proAccess?.(ctx.db);
      const devices = new DeviceService({ db: ctx.db, clock: ctx.clock, newId: ctx.ids.newId });
      const batcher = new PointBatcher({
        write: (points) => ctx.timeseries.write(points),
        maxPoints: ctx.config.OBD_BATCH_MAX_POINTS,
        delayMs: ctx.config.OBD_BATCH_DELAY_MS,
        concurrency: ctx.config.OBD_BATCH_CONCURRENCY ?? (ctx.db.kind === 'postgres' ? 2 : 1),
      });
      const live = new LiveHub({ bus: ctx.mqtt, clock: ctx.clock, logger: ctx.logger });
      const faults = new FaultAlerts({ db: ctx.db, clock: ctx.clock, events: ctx.events });
      const ingestion = new Ingestion({ devices, store: batcher, faults, live, clock: ctx.clock, logger: ctx.logger, onStored: options.onStored });

      const routes = createApiRouter();
      deviceRoutes(routes, {
        kit: ctx.http,
        devices,
        mqttUrl: deviceMqttUrl(ctx.config, ctx.deviceMqttUrl),
        directory: deviceDirectory({ externalBroker: ctx.mqttBroker === 'external', bus: ctx.mqtt, connections: ctx.mqttDevices }),
      });
      ingestRoutes(routes, { kit: ctx.http, devices, ingestion, clock: ctx.clock });
      vehicleDataRoutes(routes, { kit: ctx.http, db: ctx.db, timeseries: ctx.timeseries, clock: ctx.clock, proAccess });
      liveRoutes(routes, { kit: ctx.http, db: ctx.db, timeseries: ctx.timeseries, live, proAccess });

      return {
        routes,
        subscriptions: ownerNotices({ db: ctx.db, notify: ctx.notify }),
        templates: obdTemplates,
        mqtt: {
          access: deviceMqttAccess(devices) as MqttAccessHooks,
          subscriptions: [{ filter: OBD_DATA_FILTER, handler: (topic, payload) => ingestion.fromMqtt(topic, payload) }],
          // Live readings reach the streams of every process, whichever one stored them.
          everyProcess: live.relaySubscriptions,
        },
        health: { obdDevices: 'id+secret (HMAC-SHA256), publish novaevo/v1/devices/{id}/obd only' },
        // Readings still buffered are written before the database closes.
        close: async () => {
          live.close();
          await batcher.flush();
        },
      };
    },
  };
}

/** The OBD-II telemetry module (add it to src/runtime/modules.ts). */
export const obdModule = createObdModule();
