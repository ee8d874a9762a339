import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';
import type { BusEvent, JsonValue } from '../../platform/ports/event-bus.ts';
import { parseTaskInvocation, type TaskInvocation } from './task-invocation.ts';

/**
 * What a module's function is invoked with, recognised by shape (each AWS source has its own):
 *
 * - `http`: an API Gateway HTTP API payload v2 (`version: "2.0"`, `requestContext.http`).
 * - `event`: an EventBridge event of the platform's bus; `detail-type` is the event type,
 *   `source` the publishing module, `detail` the {@link EventDetail} envelope. Timers arrive
 *   this way too when EventBridge Scheduler targets the bus (`source: "scheduler"`).
 * - `timer`: EventBridge Scheduler targeting the function itself, with the Input
 *   `{"source": "scheduler", "timer": {"id", "type", "data", "at"}}` ({@link TimerFiring}).
 * - `chores`: an EventBridge schedule rule's `Scheduled Event` (`source: "aws.events"`).
 * - `task`: a Step Functions Task state (see task-invocation.ts).
 * - `mqtt`: an IoT Core topic rule `SELECT *, topic() AS topic FROM 'novaevo/v1/devices/+/obd'`:
 *   the device's JSON message plus `topic`. A rule for binary payloads may instead select
 *   `encode(*, 'base64') AS payloadBase64, topic() AS topic`.
 * - `batch`: SQS records whose bodies are EventBridge events (a queue between a rule and the
 *   function); failed records are reported back as `batchItemFailures`.
 */
export type Invocation =
  | { kind: 'http'; event: APIGatewayProxyEventV2 }
  | { kind: 'event'; event: BusEvent }
  | { kind: 'timer'; event: BusEvent }
  | { kind: 'chores' }
  | { kind: 'task'; task: TaskInvocation }
  | { kind: 'mqtt'; topic: string; payload: Buffer }
  | { kind: 'batch'; records: SQSEvent['Records'] };

/**
 * The `detail` of a platform event on EventBridge: the bus event minus what the envelope
 * already carries (`detail-type` = type, `source` = source).
 */
export interface EventDetail {
  id: string;
  subject: string | null;
  data: JsonValue;
  /** ISO 8601, business time at publish. */
  occurredAt: string;
}

/** The Input of a Scheduler schedule whose target is a module's function. */
export interface TimerFiring {
  source: 'scheduler';
  timer: { id: string; type: string; data: JsonValue; at: string };
}

/** Thrown for a payload no branch recognises: a wiring mistake, so the invocation fails loudly. */
export class UnrecognisedInvocationError extends Error {
  override name = 'UnrecognisedInvocation';
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isDate = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** The bus event an EventBridge event carries. Throws when its detail is not an {@link EventDetail}. */
export function busEventOf(e: Json): BusEvent {
  const d = e.detail;
  if (!isObject(d) || typeof d.id !== 'string' || !('data' in d) || !isDate(d.occurredAt) || !(d.subject === null || typeof d.subject === 'string')) {
    throw new UnrecognisedInvocationError(`EventBridge event ${String(e.id)} (${String(e['detail-type'])}) has no platform event detail {id, subject, data, occurredAt}`);
  }
  return { id: d.id, type: String(e['detail-type']), source: String(e.source), subject: d.subject, data: d.data as JsonValue, occurredAt: new Date(d.occurredAt) };
}

/** The EventBridge entry fields of a bus event: what the bus adapter puts and this runtime reads back. */
export function eventBridgeEntryOf(event: BusEvent): { DetailType: string; Source: string; Detail: string } {
  const detail: EventDetail = { id: event.id, subject: event.subject, data: event.data, occurredAt: event.occurredAt.toISOString() };
  return { DetailType: event.type, Source: event.source, Detail: JSON.stringify(detail) };
}

function timerEvent(t: unknown): BusEvent {
  if (!isObject(t) || typeof t.id !== 'string' || typeof t.type !== 'string' || !('data' in t) || !isDate(t.at)) {
    throw new UnrecognisedInvocationError('a Scheduler firing needs timer {id, type, data, at}');
  }
  // As the local scheduler publishes it: source `scheduler`, subject the timer's id.
  return { id: t.id, type: t.type, source: 'scheduler', subject: t.id, data: t.data as JsonValue, occurredAt: new Date(t.at) };
}

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
    return { kind: 'event', event: busEventOf(event) };
  }
  if (event.source === 'scheduler' && 'timer' in event) return { kind: 'timer', event: timerEvent(event.timer) };
  if (typeof event.task === 'string') return { kind: 'task', task: parseTaskInvocation(event) };
  if (Array.isArray(event.Records) && event.Records.every((r) => isObject(r) && r.eventSource === 'aws:sqs')) {
    return { kind: 'batch', records: event.Records as SQSEvent['Records'] };
  }
  if (typeof event.topic === 'string') return mqttMessage(event);
  throw new UnrecognisedInvocationError(`unrecognised Lambda payload with keys ${Object.keys(event).slice(0, 10).join(', ')}`);
}
