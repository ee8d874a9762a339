import type { MqttDeviceAuthHooks } from '../../platform/mqtt/access-policy.ts';
import { commandTopic, dataTopic, type DeviceService } from './device-service.ts';
import type { DeviceRoute } from './device-store.ts';

/**
 * The broker hooks of OBD devices: a device connects with its id as username and its secret as
 * password, publishes only to `novaevo/v1/devices/{id}/obd` and subscribes only to its `.../cmd`.
 * Unknown, revoked or wrong credentials are `{ accepted: false }` (CONNACK 4).
 */
export function deviceMqttAccess(devices: DeviceService): MqttDeviceAuthHooks<DeviceRoute> {
  return {
    async authenticate({ username, password }) {
      const route = await devices.authenticate(username, password);
      return route ? { accepted: true, identity: route } : { accepted: false };
    },
    authorizePublish: (device, topic) => topic === dataTopic(device.deviceId),
    authorizeSubscribe: (device, filter) => filter === commandTopic(device.deviceId),
  };
}

/** The device id of an identity these hooks admitted (what `mqttDevices.disconnect` is given). */
export function deviceIdOf(identity: unknown): string | undefined {
  return typeof identity === 'object' && identity !== null && 'deviceId' in identity && typeof identity.deviceId === 'string' ? identity.deviceId : undefined;
}
