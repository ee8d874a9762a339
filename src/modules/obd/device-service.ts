import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import { hashDeviceSecret, newDeviceSecret, verifyDeviceSecret } from './device-secret.ts';
import { deviceStore, type DeviceRoute, type ObdDevice } from './device-store.ts';
import { ownVehicleByVin } from './vehicle-access.ts';

/** The MQTT topic a device publishes its readings to. */
export const dataTopic = (deviceId: string) => `novaevo/v1/devices/${deviceId}/obd`;
/** The MQTT topic filter a device may subscribe to (commands for it). */
export const commandTopic = (deviceId: string) => `novaevo/v1/devices/${deviceId}/cmd`;

const DATA_TOPIC = /^novaevo\/v1\/devices\/([^/]+)\/obd$/;

/** The device id of a data topic, or undefined for any other topic. */
export function deviceOfTopic(topic: string): string | undefined {
  return DATA_TOPIC.exec(topic)?.[1];
}

// Routes of live devices are kept a short while: every message of a device needs its vehicle.
// A revocation in this process evicts at once; in another process within ROUTE_TTL_MS at most
// (and the broker has already dropped the device).
const ROUTE_TTL_MS = 30_000;
const MAX_CACHED = 50_000;

export interface DeviceServiceDeps {
  db: SqlDatabase;
  clock: Clock;
  newId: () => string;
}

/** Devices: created by a vehicle's owner, authenticated by id and secret, revoked by the owner. */
export class DeviceService {
  readonly #routes = new Map<string, { route: DeviceRoute | undefined; until: number }>();

  constructor(private readonly deps: DeviceServiceDeps) {}

  /** Registers a device for the caller's vehicle `vin`; the secret is returned here and never again. */
  async create(p: Principal, input: { vin: string; label: string }): Promise<{ device: ObdDevice; secret: string }> {
    const vehicle = await ownVehicleByVin(this.deps.db, p, input.vin);
    const secret = newDeviceSecret();
    const device: ObdDevice = {
      id: this.deps.newId(),
      vehicleId: vehicle.id,
      ownerUserId: vehicle.ownerUserId,
      label: input.label,
      createdAt: this.deps.clock.now(),
      revokedAt: null,
    };
    await deviceStore.insert(this.deps.db, device, hashDeviceSecret(secret));
    return { device, secret };
  }

  list(p: Principal, afterId: string | undefined, limit: number): Promise<ObdDevice[]> {
    return deviceStore.listByOwner(this.deps.db, p.userId, afterId, limit);
  }

  /** Revokes the caller's device, or 404 `OBD_DEVICE_NOT_FOUND` (not theirs, unknown, already revoked). */
  async revoke(p: Principal, id: string): Promise<void> {
    const revoked = isUuid(id) && (await deviceStore.revoke(this.deps.db, p.userId, id, this.deps.clock.now()));
    if (!revoked) throw notFound('OBD_DEVICE_NOT_FOUND', 'No such device.');
    this.#routes.delete(id);
  }

  /** The device these credentials prove, or undefined (unknown, revoked, wrong secret). */
  async authenticate(deviceId: string | undefined, secret: Buffer | string | undefined): Promise<DeviceRoute | undefined> {
    if (!deviceId || !isUuid(deviceId) || secret === undefined) return undefined;
    const found = await deviceStore.findLive(this.deps.db, deviceId);
    if (!found || !verifyDeviceSecret(found.secret, secret)) return undefined;
    this.#remember(deviceId, found.route);
    return found.route;
  }

  /** Where a live device's readings go, or undefined when it is unknown or revoked. */
  async route(deviceId: string): Promise<DeviceRoute | undefined> {
    const now = this.deps.clock.now().getTime();
    const cached = this.#routes.get(deviceId);
    if (cached && cached.until > now) return cached.route;
    const route = isUuid(deviceId) ? (await deviceStore.findLive(this.deps.db, deviceId))?.route : undefined;
    this.#remember(deviceId, route);
    return route;
  }

  #remember(deviceId: string, route: DeviceRoute | undefined): void {
    if (this.#routes.size >= MAX_CACHED) this.#routes.clear();
    this.#routes.set(deviceId, { route, until: this.deps.clock.now().getTime() + ROUTE_TTL_MS });
  }
}
