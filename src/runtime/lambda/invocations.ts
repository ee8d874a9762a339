import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';
import { fromEventBridgeEvent } from '../../platform/adapters/aws/eventbridge-envelope.ts';
import type { BusEvent } from '../../platform/ports/event-bus.ts';
import { parseTaskInvocation, type TaskInvocation } from './task-invocation.ts';

/**
 * What a module's function is invoked with, recognised by shape (each AWS source has its own):
 *
 * - `http`: an API Gateway HTTP API payload v2 (`version: "2.0"`, `requestContext.http`).
 * - `event`: an EventBridge event of the platform's bus; `detail-type` is the event type,
 *   `source` the publishing module, `detail` the envelope of the bus adapter
 *   (`{id, subject, occurredAt, data}`, src/platform/adapters/aws/eventbridge-envelope.ts).
 *   Timers arrive this way too: EventBridge Scheduler's target is the bus (`source: "scheduler"`,
 *   the timer's type as `detail-type`), and the rules route them like any event.
 * - `chores`: an EventBridge schedule rule's `Scheduled Event` (`source: "aws.events"`).
 * - `task`: a Step Functions Task state (see task-invocation.ts).
 * - `mqtt`: an IoT Core topic rule's Lambda action: `SELECT encode(*, 'base64') AS payloadBase64,
 *   topic() AS topic FROM '<filter>'` (the message byte for byte: what the CDK app's rules
 *   select), or `SELECT *, topic() AS topic` (a JSON message with `topic` added).
 * - `batch`: SQS records whose bodies are EventBridge events (a queue between a rule and the
 *   function); failed records are reported back as `batchItemFailures`.
 */
export type Invocation =
  | { kind: 'http'; event: APIGatewayProxyEventV2 }
  | { kind: 'event'; event: BusEvent }
  | { kind: 'chores' }
  | { kind: 'task'; task: TaskInvocation }
  | { kind: 'mqtt'; topic: string; payload: Buffer }
  | { kind: 'batch'; records: SQSEvent['Records'] };

/** Thrown for a payload no branch recognises: a wiring mistake, so the invocation fails loudly. */
export class UnrecognisedInvocationError extends Error {
  override name = 'UnrecognisedInvocation';
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function mqttMessage(e: Json): Invocation {
  const { topic, payloadBase64, ...message } = e;
  if (typeof payloadBase64 === 'string') return { kind: 'mqtt', topic: String(topic), payload: Buffer.from(payloadBase64, 'base64') };
  return { kind: 'mqtt', topic: String(topic), payload: Buffer.from(JSON.stringify(message)) };
}

/** Recognises an invocation payload. Throws {@link UnrecognisedInvocationError} for any other shape. */
export function recogniseInvocation(event: unknown): Invocation {
  if (!isObject(event)) throw new UnrecognisedInvocationError(`a Lambda payload must be a JSON object, not ${event === null ? 'null' : typeof event}`);
  if (event.version === '2.0' && isObject(event.requestContext) && isObject(event.requestContext.http)) {
    return { kind: 'http', event: event as unknown as APIGatewayProxyEventV2 };
  }
  if (typeof event['detail-type'] === 'string' && typeof event.source === 'string') {
    if (event.source === 'aws.events' && event['detail-type'] === 'Scheduled Event') return { kind: 'chores' };
    try {
      return { kind: 'event', event: fromEventBridgeEvent(event) };
    } catch (err) {
      throw new UnrecognisedInvocationError(`EventBridge event ${String(event.id)} (${event['detail-type']}): ${(err as Error).message}`);
    }
  }
  if (typeof event.task === 'string') return { kind: 'task', task: parseTaskInvocation(event) };
  if (Array.isArray(event.Records) && event.Records.every((r) => isObject(r) && r.eventSource === 'aws:sqs')) {
    return { kind: 'batch', records: event.Records as SQSEvent['Records'] };
  }
  if (typeof event.topic === 'string') return mqttMessage(event);
  throw new UnrecognisedInvocationError(`unrecognised Lambda payload with keys ${Object.keys(event).slice(0, 10).join(', ')}`);
}
