import type { DeviceCredentialsDirectory } from '../ports/mqtt.ts';
import type { MqttDeviceAuthRegistration } from './access-policy.ts';

/**
 * The `DeviceCredentialsDirectory` of the embedded broker, so a module handles its devices the same
 * way on either broker: write its device table, then tell the directory. Here the module's own
 * hooks (`registration`) already read that table, so nothing is copied into the broker; what is
 * left is to drop the live connections of a device whose secret was replaced or that was removed.
 * `usernameOf` names the username an identity authenticated with.
 *
 * @example
 * const registration = policy.register('obd', hooks);
 * const devices = embeddedDeviceDirectory(registration, (device: { deviceId: string }) => device.deviceId);
 */
export function embeddedDeviceDirectory<I>(registration: MqttDeviceAuthRegistration<I>, usernameOf: (identity: I) => string): DeviceCredentialsDirectory {
  const drop = async (username: string) => {
    await registration.disconnect((identity) => usernameOf(identity) === username);
  };
  return { putDevice: (device) => drop(device.username), removeDevice: drop };
}
