import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { TimePoint } from '../../platform/ports/time-series.ts';
import type { DeviceService } from './device-service.ts';
import { deviceOfTopic } from './device-service.ts';
import type { DeviceRoute } from './device-store.ts';
import type { FaultAlerts } from './fault-alerts.ts';
import { planIngest, type IngestPlan } from './ingest-plan.ts';
import type { LiveHub } from './live-hub.ts';
import { parseDeviceMessage, type DevicePayload } from './payload.ts';

/** A device message whose readings are stored (for benchmarks and monitoring). */
export interface StoredMessage {
  deviceId: string;
  vehicleId: string;
  ts: Date;
  readings: number;
}

export interface IngestionDeps {
  devices: DeviceService;
  store: { add(points: readonly TimePoint[], options?: { waitForRoom?: boolean }): Promise<void> };
  faults: FaultAlerts;
  live: LiveHub;
  clock: Clock;
  logger: Logger;
  onStored?: ((message: StoredMessage) => void) | undefined;
}

/** The series a reading is stored in: `obd.0C`, `obd.14.voltage`. */
export const seriesOf = (pid: string) => `obd.${pid}`;

/**
 * The ingestion path shared by MQTT and HTTP: decode, then store the readings in batches
 * (PointBatcher) and, only for messages that need it, update fault codes and raise alerts.
 * The hot path does no query per message once the device's route is cached.
 */
export class Ingestion {
  constructor(private readonly deps: IngestionDeps) {}

  /**
   * MQTT handler for `novaevo/v1/devices/+/obd`. Resolves once the message is stored, or dropped
   * for good (unknown device, refused payload: logged); rejects when it could not be stored, so
   * that the bus leaves it unacknowledged for the broker to deliver again.
   */
  async fromMqtt(topic: string, body: Buffer): Promise<void> {
    const deviceId = deviceOfTopic(topic);
    if (!deviceId) return;
    const route = await this.deps.devices.route(deviceId);
    if (!route) {
      this.deps.logger.debug({ deviceId }, 'OBD message of an unknown or revoked device dropped');
      return;
    }
    try {
      await this.ingest(route, parseDeviceMessage(body, this.deps.clock), { waitForRoom: true });
    } catch (error) {
      // Refused input stays refused however often it is delivered: dropped. Anything else is retried.
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      this.deps.logger.debug({ deviceId, code: error.code, detail: error.message }, 'OBD message refused');
    }
  }

  /**
   * Stores one message of `route`'s device; resolves once its readings and fault codes are stored.
   * When readings arrive faster than they are stored, it refuses (503 `OBD_INGEST_BUSY`), or with
   * `waitForRoom` (MQTT) waits its turn.
   */
  async ingest(route: DeviceRoute, payload: DevicePayload, options: { waitForRoom?: boolean } = {}): Promise<IngestPlan> {
    const plan = planIngest(payload);
    const dims = { vehicleId: route.vehicleId };
    const points: TimePoint[] = plan.readings.map((r) => ({ series: seriesOf(r.pid), time: plan.ts, value: r.value, dims }));
    const stored = this.deps.store.add(points, options);
    const faults = this.deps.faults.concerns(route, plan) ? this.deps.faults.process(route, plan) : undefined;
    if (plan.readings.length > 0 && this.deps.live.watched(route.vehicleId)) {
      this.deps.live.publish(route.vehicleId, { t: plan.ts.toISOString(), readings: plan.readings });
    }
    await Promise.all([stored, faults]);
    this.deps.onStored?.({ deviceId: route.deviceId, vehicleId: route.vehicleId, ts: plan.ts, readings: points.length });
    return plan;
  }
}
