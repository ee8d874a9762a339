/** Who is connecting, as the CONNECT packet says. */
export interface MqttConnectCredentials {
  clientId: string;
  username: string | undefined;
  password: Buffer | undefined;
}

/**
 * A module's device-authentication hooks: the broker admits a client only when one module's
 * `authenticate` accepts it, then lets it publish and subscribe only where that module allows.
 */
export interface MqttAccessHooks {
  /** Accepts the credentials (returning who the client is, e.g. the device id) or refuses (undefined). */
  authenticate(credentials: MqttConnectCredentials): Promise<string | undefined>;
  authorizePublish(identity: string, topic: string): boolean | Promise<boolean>;
  authorizeSubscribe(identity: string, filter: string): boolean | Promise<boolean>;
}
