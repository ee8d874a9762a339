import { type IoTDataPlaneClient, PublishCommand } from '@aws-sdk/client-iot-data-plane';
import { z } from 'zod';
import { AppError, badRequest } from '../../errors.ts';
import { type Logger, serializeError, silentLogger } from '../../logger.ts';
import {
  assertValidTopic,
  assertValidTopicFilter,
  type MqttBus,
  type MqttMessageHandler,
  type MqttPayload,
  type MqttPublishOptions,
  type MqttUnsubscribe,
  topicMatchesFilter,
} from '../../ports/mqtt.ts';

export interface IotCoreMqttBusOptions {
  /** An IoT data-plane client on the account's endpoint (env IOT_ENDPOINT, `https://…-ats.iot.<region>.amazonaws.com`). */
  client: IoTDataPlaneClient;
  logger?: Logger;
}

// AWS IoT Core quotas: topic names of at most 256 bytes and 7 slashes, payloads of at most 128 KB.
export const MAX_IOT_TOPIC_BYTES = 256;
export const MAX_IOT_TOPIC_SLASHES = 7;
export const MAX_IOT_PAYLOAD_BYTES = 128 * 1024;

/** What the CDK topic rule sends the Lambda: `SELECT topic() AS topic, encode(*, 'base64') AS payload FROM '<filter>'`. */
const ruleEventSchema = z.object({ topic: z.string().min(1), payload: z.base64() });
export type IotRuleEvent = z.infer<typeof ruleEventSchema>;

/**
 * The MQTT port on AWS IoT Core. Publishing is the data plane's Publish. A Lambda function holds
 * no broker connection, so a subscription does not subscribe anywhere: the CDK stack turns each
 * declared filter into an IoT topic rule whose Lambda action hands the message to
 * {@link IotCoreMqttBus.deliverRuleEvent}, which runs the handlers whose filters match. Module
 * code subscribes exactly as it does locally; only the transport of the messages differs.
 */
export class IotCoreMqttBus implements MqttBus {
  readonly #client: IoTDataPlaneClient;
  readonly #logger: Logger;
  readonly #subscriptions = new Set<{ filter: string; handler: MqttMessageHandler }>();
  #closed = false;

  constructor(options: IotCoreMqttBusOptions) {
    this.#client = options.client;
    this.#logger = options.logger ?? silentLogger();
  }

  async publish(topic: string, payload: MqttPayload, options: MqttPublishOptions = {}): Promise<void> {
    this.#assertOpen();
    assertValidTopic(topic);
    assertIotTopic(topic);
    const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
    if (bytes.byteLength > MAX_IOT_PAYLOAD_BYTES) {
      throw new AppError(413, 'MQTT_PAYLOAD_TOO_LARGE', `The payload is ${bytes.byteLength} bytes; IoT Core takes at most ${MAX_IOT_PAYLOAD_BYTES}.`);
    }
    await this.#client.send(new PublishCommand({ topic, qos: options.qos ?? 1, retain: options.retain ?? false, payload: bytes }));
  }

  /** Registers `handler` for messages the topic rules deliver on topics matching `filter`. */
  async subscribe(filter: string, handler: MqttMessageHandler): Promise<MqttUnsubscribe> {
    this.#assertOpen();
    assertValidTopicFilter(filter);
    const subscription = { filter, handler };
    this.#subscriptions.add(subscription);
    return async () => {
      this.#subscriptions.delete(subscription);
    };
  }

  /**
   * Runs the matching handlers on one message of a topic rule's Lambda event. As on a broker, a
   * handler's failure is logged and does not stop the others. Returns how many handlers ran.
   * Throws AppError 400 `MQTT_RULE_EVENT_INVALID` for an event not shaped by the platform's rule.
   */
  async deliverRuleEvent(event: unknown): Promise<number> {
    const parsed = ruleEventSchema.safeParse(event);
    if (!parsed.success) throw badRequest('MQTT_RULE_EVENT_INVALID', 'The IoT rule event must be { topic, payload (base64) }.');
    return this.deliver(parsed.data.topic, Buffer.from(parsed.data.payload, 'base64'));
  }

  /** Runs the handlers whose filters match `topic` on `payload`; returns how many ran. */
  async deliver(topic: string, payload: Buffer): Promise<number> {
    const matching = [...this.#subscriptions].filter((s) => topicMatchesFilter(s.filter, topic));
    await Promise.all(
      matching.map(async ({ filter, handler }) => {
        try {
          await handler(topic, payload);
        } catch (err) {
          this.#logger.error({ err: serializeError(err), topic, filter }, 'mqtt handler failed');
        }
      }),
    );
    return matching.length;
  }

  /** Drops the subscriptions; the injected client stays the caller's. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#subscriptions.clear();
  }

  #assertOpen(): void {
    if (this.#closed) throw new AppError(409, 'MQTT_BUS_CLOSED', 'The MQTT bus is closed.');
  }
}

/** IoT Core's own topic rules, on top of MQTT's: AppError 400 `MQTT_TOPIC_INVALID`. */
function assertIotTopic(topic: string): void {
  if (Buffer.byteLength(topic) > MAX_IOT_TOPIC_BYTES || topic.split('/').length - 1 > MAX_IOT_TOPIC_SLASHES) {
    throw badRequest('MQTT_TOPIC_INVALID', `"${topic}" is past IoT Core's limits: ${MAX_IOT_TOPIC_BYTES} bytes and ${MAX_IOT_TOPIC_SLASHES} slashes`);
  }
}
