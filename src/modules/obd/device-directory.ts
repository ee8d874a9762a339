import type { MqttDeviceConnections } from '../../platform/module/mqtt-access.ts';
import { embeddedDeviceDirectory } from '../../platform/mqtt/embedded-device-directory.ts';
import { MosquittoDynsecDirectory } from '../../platform/mqtt/mosquitto-dynsec-directory.ts';
import type { DeviceCredentialsDirectory, MqttBus } from '../../platform/ports/mqtt.ts';
import { commandTopic, dataTopic } from './device-service.ts';
import { deviceIdOf } from './device-mqtt-access.ts';

/** What the device routes tell the broker: a new device's grant, a revoked device's removal. */
export interface DeviceDirectory {
  put(deviceId: string, secret: string): Promise<void>;
  remove(deviceId: string): Promise<void>;
}

/**
 * The broker's side of the devices (docs/mqtt-device-auth.md): on the embedded broker the
 * module's hooks read `obd_devices`, so only a revoked device's live connections are dropped;
 * with `MQTT_URL` (Mosquitto) each device is a dynamic-security client allowed its two topics,
 * through the platform's client (which must hold the dynsec admin role). The Mosquitto directory
 * is opened at first use: a module's init does no I/O.
 */
export function deviceDirectory(options: { externalBroker: boolean; bus: MqttBus; connections: MqttDeviceConnections }): DeviceDirectory {
  let directory: Promise<DeviceCredentialsDirectory> | undefined;
  const open = () => {
    directory ??= options.externalBroker
      ? MosquittoDynsecDirectory.open(options.bus).catch((error: unknown) => {
          directory = undefined;
          throw error;
        })
      : Promise.resolve(embeddedDeviceDirectory({ disconnect: options.connections.disconnect }, (identity: unknown) => deviceIdOf(identity) ?? ''));
    return directory;
  };
  return {
    put: async (deviceId, secret) => (await open()).putDevice({ username: deviceId, password: secret, publish: [dataTopic(deviceId)], subscribe: [commandTopic(deviceId)] }),
    remove: async (deviceId) => (await open()).removeDevice(deviceId),
  };
}
