import type { MqttDeviceAuthHooks } from '../mqtt/access-policy.ts';

/** A module's device-authentication hooks (see MqttAccessPolicy): identities are what its `authenticate` returns. */
export type MqttAccessHooks = MqttDeviceAuthHooks<unknown>;

/** What a module can do to its devices' live MQTT connections (e.g. drop a revoked device's). */
export interface MqttDeviceConnections {
  /** Closes the live connections of this module's devices whose identity `predicate` selects. */
  disconnect(predicate: (identity: unknown) => boolean): Promise<number>;
}
