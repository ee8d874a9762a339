import { randomUUID } from 'node:crypto';
import { AppError, badRequest } from '../errors.ts';
import { assertValidTopicFilter, type DeviceCredentialsDirectory, type MqttBus, type MqttDeviceGrant, type MqttUnsubscribe } from '../ports/mqtt.ts';

const CONTROL_TOPIC = '$CONTROL/dynamic-security/v1';
const RESPONSE_TOPIC = `${CONTROL_TOPIC}/response`;
const DEFAULT_TIMEOUT_MS = 10_000;

/** A dynamic-security command, as Mosquitto's `$CONTROL/dynamic-security/v1` topic takes it. */
type Command = { command: string; correlationData?: string } & Record<string, unknown>;
interface Response {
  command: string;
  error?: string;
  correlationData?: string;
}
interface Pending {
  expected: number;
  responses: Response[];
  resolve(responses: Response[]): void;
}

/** Errors of the clean-up commands that only mean "already gone". */
const ALREADY_GONE = /not found/i;

/**
 * Device accounts on Mosquitto through its dynamic security plugin: each device is a dynsec client
 * (its username and password) with a role of its own allowing only its topics. Mosquitto hashes
 * the password, refuses unknown clients (with `allow_anonymous false`) and disconnects a client
 * when it is deleted. `bus` must be connected as a client holding the dynsec admin role.
 *
 * @example
 * const directory = await MosquittoDynsecDirectory.open(adminBus);
 * await directory.putDevice({ username: id, password: secret, publish: [`novaevo/v1/devices/${id}/obd`], subscribe: [`novaevo/v1/devices/${id}/cmd`] });
 */
export class MosquittoDynsecDirectory implements DeviceCredentialsDirectory {
  readonly #bus: MqttBus;
  readonly #timeoutMs: number;
  readonly #pending = new Map<string, Pending>();
  #stop: MqttUnsubscribe | undefined;

  private constructor(bus: MqttBus, timeoutMs: number) {
    this.#bus = bus;
    this.#timeoutMs = timeoutMs;
  }

  /** Subscribes to the plugin's responses; rejects with 403 `MQTT_SUBSCRIBE_DENIED` when `bus` is no dynsec admin. */
  static async open(bus: MqttBus, options: { timeoutMs?: number } = {}): Promise<MosquittoDynsecDirectory> {
    const directory = new MosquittoDynsecDirectory(bus, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    directory.#stop = await bus.subscribe(RESPONSE_TOPIC, (_topic, payload) => directory.#receive(payload));
    return directory;
  }

  /**
   * Creates the device with a role `novaevo-device-<username>` allowing publication to
   * `publish` and subscription to exactly the filters in `subscribe`; an existing device of that
   * name is replaced (and disconnected). Rejects with 400 `MQTT_DEVICE_INVALID` for a bad grant,
   * 502 `MQTT_DIRECTORY_FAILED` when Mosquitto refused, 504 `MQTT_DIRECTORY_TIMEOUT` without answer.
   */
  async putDevice(device: MqttDeviceGrant): Promise<void> {
    assertGrant(device);
    const rolename = roleOf(device.username);
    const acls = [
      ...device.publish.map((topic) => ({ acltype: 'publishClientSend', topic, allow: true })),
      ...device.subscribe.map((topic) => ({ acltype: 'subscribeLiteral', topic, allow: true })),
    ];
    await this.#run(
      [
        { command: 'deleteClient', username: device.username },
        { command: 'deleteRole', rolename },
        { command: 'createRole', rolename, acls },
        { command: 'createClient', username: device.username, password: device.password, roles: [{ rolename }] },
      ],
      new Set(['deleteClient', 'deleteRole']),
    );
  }

  /** Deletes the device and its role; Mosquitto disconnects it. A device that does not exist is not an error. */
  async removeDevice(username: string): Promise<void> {
    await this.#run(
      [
        { command: 'deleteClient', username },
        { command: 'deleteRole', rolename: roleOf(username) },
      ],
      new Set(['deleteClient', 'deleteRole']),
    );
  }

  /** Stops listening for responses (the bus stays open: it belongs to the caller). */
  async close(): Promise<void> {
    await this.#stop?.();
  }

  /** Sends `commands` in one message and waits for all their responses; `cleanUps` may fail with "not found". */
  async #run(commands: Command[], cleanUps: Set<string>): Promise<void> {
    const id = randomUUID();
    const tagged = commands.map((command, i) => ({ ...command, correlationData: `${id}:${i}` }));
    const answered = new Promise<Response[]>((resolve) => this.#pending.set(id, { expected: tagged.length, responses: [], resolve }));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new AppError(504, 'MQTT_DIRECTORY_TIMEOUT', `Mosquitto's dynamic security plugin did not answer within ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
    });
    try {
      await this.#bus.publish(CONTROL_TOPIC, JSON.stringify({ commands: tagged }), { qos: 1 });
      const responses = await Promise.race([answered, timedOut]);
      const failed = responses.find((r) => r.error !== undefined && !(cleanUps.has(r.command) && ALREADY_GONE.test(r.error)));
      if (failed) {
        // The message names the command and Mosquitto's reason, never the command's fields (passwords).
        throw new AppError(502, 'MQTT_DIRECTORY_FAILED', `Mosquitto refused ${failed.command}: ${failed.error}`);
      }
    } finally {
      clearTimeout(timer);
      this.#pending.delete(id);
    }
  }

  #receive(payload: Buffer): void {
    let responses: Response[];
    try {
      responses = (JSON.parse(payload.toString('utf8')) as { responses?: Response[] }).responses ?? [];
    } catch {
      return;
    }
    for (const response of responses) {
      const [id] = (response.correlationData ?? '').split(':');
      const pending = id === undefined ? undefined : this.#pending.get(id);
      if (!pending) continue;
      pending.responses.push(response);
      if (pending.responses.length === pending.expected) pending.resolve(pending.responses);
    }
  }
}

function roleOf(username: string): string {
  return `novaevo-device-${username}`;
}

function assertGrant(device: MqttDeviceGrant): void {
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(device.username)) {
    throw badRequest('MQTT_DEVICE_INVALID', 'A device username is 1 to 128 letters, digits, dots, dashes or underscores');
  }
  if (device.password.length === 0) throw badRequest('MQTT_DEVICE_INVALID', 'A device needs a password');
  for (const topic of [...device.publish, ...device.subscribe]) {
    try {
      assertValidTopicFilter(topic);
    } catch (error) {
      throw badRequest('MQTT_DEVICE_INVALID', (error as Error).message);
    }
  }
}
