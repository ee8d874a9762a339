import { badRequest } from '../errors.ts';

/** What a message carries on the wire: text is sent as UTF-8. */
export type MqttPayload = string | Uint8Array;

/** How a message is published. */
export interface MqttPublishOptions {
  /** 0: at most once; 1 (default): at least once, resolved once the broker acknowledged it. */
  qos?: 0 | 1;
  /** Keep the message on the broker as the topic's last known value for future subscribers. */
  retain?: boolean;
}

/**
 * Receives the messages matching a subscription. Delivery is at least once, so a handler must
 * tolerate a duplicate. A QoS 1 message is acknowledged to the broker once its handlers resolved;
 * a throw or rejection is logged, never stops delivery, and leaves the message unacknowledged (a
 * persistent session gets it again on its next connection).
 */
export type MqttMessageHandler = (topic: string, payload: Buffer) => void | Promise<void>;

/** Stops one subscription; idempotent. */
export type MqttUnsubscribe = () => Promise<void>;

export interface MqttSubscribeOptions {
  /**
   * Work shared by the processes of one deployment (device ingestion): on a bus given a share
   * group, the broker hands each message to one of the group's subscribers (an MQTT shared
   * subscription, `$share/<group>/<filter>`), so N processes on one broker do not each handle
   * every message. On a bus without a group (the embedded broker, whose one subscribing process
   * is the only one), an ordinary subscription. Leave it off for what every process must see.
   */
  shared?: boolean;
}

/**
 * Publish/subscribe over an MQTT broker: the port modules use (OBD dongles, live telemetry).
 * Adapters: the embedded aedes broker or any broker by URL (`connectMqttBus`), AWS IoT Core later.
 *
 * @example
 * const stop = await bus.subscribe('vehicles/+/obd', (topic, payload) => ingest(topic, payload));
 * await bus.publish('vehicles/v1/obd', JSON.stringify({ rpm: 900 }), { qos: 1 });
 * await stop();
 */
export interface MqttBus {
  /** Publishes one message; rejects with AppError 400 `MQTT_TOPIC_INVALID` for a wildcard or empty topic. */
  publish(topic: string, payload: MqttPayload, options?: MqttPublishOptions): Promise<void>;
  /**
   * Subscribes `handler` to `filter` (MQTT wildcards `+` for one level, `#` for the rest) at QoS 1.
   * Resolves once the broker granted the subscription; rejects with AppError 403
   * `MQTT_SUBSCRIBE_DENIED` when it refused, 400 `MQTT_TOPIC_INVALID` for a malformed filter.
   * Subscriptions survive reconnections.
   */
  subscribe(filter: string, handler: MqttMessageHandler, options?: MqttSubscribeOptions): Promise<MqttUnsubscribe>;
  /** Disconnects cleanly; the bus is unusable afterwards. */
  close(): Promise<void>;
}

const MAX_TOPIC_LENGTH = 65_535;

/** Throws AppError 400 `MQTT_TOPIC_INVALID` unless `topic` is a concrete topic one can publish to. */
export function assertValidTopic(topic: string): void {
  if (topic.length === 0 || topic.length > MAX_TOPIC_LENGTH || /[+#\u0000]/.test(topic)) {
    throw badRequest('MQTT_TOPIC_INVALID', `"${topic}" is not a valid MQTT topic: 1 to 65535 characters, no wildcard (+, #) and no NUL`);
  }
}

/** A shared-subscription group name (`$share/<group>/…`): one non-empty topic level, no wildcards. */
export function isMqttShareGroup(name: string): boolean {
  return /^[^/+#\u0000]+$/.test(name);
}

/** Throws AppError 400 `MQTT_TOPIC_INVALID` unless `filter` is a well-formed MQTT topic filter. */
export function assertValidTopicFilter(filter: string): void {
  const levels = filter.split('/');
  const wellFormed =
    filter.length > 0 &&
    filter.length <= MAX_TOPIC_LENGTH &&
    !filter.includes('\u0000') &&
    levels.every((level, i) => {
      if (level === '#') return i === levels.length - 1;
      return level === '+' || !/[+#]/.test(level);
    });
  if (!wellFormed) {
    throw badRequest('MQTT_TOPIC_INVALID', `"${filter}" is not a valid MQTT topic filter: "+" must fill a whole level, "#" must be the last level`);
  }
}

/**
 * True when `topic` matches `filter` by the MQTT 3.1.1 rules (section 4.7): `+` matches exactly one
 * level, `#` the parent level and everything below, and wildcards in the first level never match
 * topics starting with `$` (broker internals such as `$SYS`).
 */
export function topicMatchesFilter(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/** Who is connecting to a broker, as its CONNECT packet says. Never log `password`. */
export interface MqttCredentials {
  clientId: string;
  username: string | undefined;
  password: Buffer | undefined;
}

/** One device a broker admits: its credentials and the only topics it may use. */
export interface MqttDeviceGrant {
  /** The MQTT username the device connects with (e.g. its device id). */
  username: string;
  /** Its secret in clear, as the device sends it; the broker keeps only a hash. */
  password: string;
  /** Topics (or filters) it may publish to, e.g. `novaevo/v1/devices/{id}/obd`. */
  publish: string[];
  /** Filters it may subscribe to, e.g. `novaevo/v1/devices/{id}/cmd`. */
  subscribe: string[];
}

/**
 * The device accounts of an external broker (Mosquitto's dynamic security plugin), for modules
 * whose devices connect to a broker given by `MQTT_URL`: on the embedded broker the module's own
 * `MqttAccessPolicy` hooks decide instead. Removing a device also drops its live connections.
 *
 * @example
 * await devices.putDevice({ username: id, password: secret, publish: [`novaevo/v1/devices/${id}/obd`], subscribe: [`novaevo/v1/devices/${id}/cmd`] });
 * await devices.removeDevice(id);
 */
export interface DeviceCredentialsDirectory {
  /** Creates the device, or replaces its password and topics when it exists. */
  putDevice(device: MqttDeviceGrant): Promise<void>;
  /** Deletes the device and disconnects it; a device that does not exist is not an error. */
  removeDevice(username: string): Promise<void>;
}
