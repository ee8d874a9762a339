import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { systemClock, type Clock } from '../../clock.ts';
import { AppError, badRequest, conflict } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { BusEvent, DeadLetter, EventBus, EventHandler, EventInput, Page } from '../../ports/event-bus.ts';
import type { SqlExecutor } from '../../ports/sql.ts';
import { checkEventInput, checkSubscription, patternMatches } from '../local/event-bus/event-rules.ts';
import { fromEventBridgeEvent, toEventDetail } from './eventbridge-envelope.ts';

export interface EventBridgeEventBusOptions {
  client: EventBridgeClient;
  /** env EVENT_BUS_NAME. */
  eventBusName: string;
  clock?: Clock;
  /**
   * The SQL outbox (an OutboxEventBus on Aurora) that events published inside a transaction go
   * to; its relay subscription forwards them here once committed. Without it, publishing with a
   * transaction throws 501 `EVENT_TRANSACTION_UNSUPPORTED`.
   */
  outbox?: EventBus;
}

/** What EventBridge accepts for one entry (PutEvents: "Calculating PutEvents event entry size"). */
export const MAX_ENTRY_BYTES = 256 * 1024;
const RELAY_SUBSCRIPTION = 'eventbridge.relay';
const TIME_BYTES = 14;

/**
 * The event bus port on EventBridge. Publishing is PutEvents on the platform's bus; each
 * subscription is an EventBridge rule (made by the CDK stack from the module declarations) whose
 * Lambda target hands the event to {@link EventBridgeEventBus.deliver}; retries and dead letters
 * are EventBridge's and the SQS queue's, so `listDeadLetters` / `replayDeadLetter` answer 501.
 */
export class EventBridgeEventBus implements EventBus {
  readonly #client: EventBridgeClient;
  readonly #eventBusName: string;
  readonly #clock: Clock;
  readonly #outbox: EventBus | undefined;
  readonly #subscriptions = new Map<string, { pattern: string; handler: EventHandler }>();
  #relay: Promise<void> | undefined;

  constructor(options: EventBridgeEventBusOptions) {
    this.#client = options.client;
    this.#eventBusName = options.eventBusName;
    this.#clock = options.clock ?? systemClock;
    this.#outbox = options.outbox;
  }

  async publish(input: EventInput, tx?: SqlExecutor): Promise<BusEvent> {
    if (tx) {
      if (!this.#outbox) throw unsupported('EVENT_TRANSACTION_UNSUPPORTED', 'publishing inside a transaction needs the SQL outbox (EventBridge cannot join a database transaction)');
      // The relay is registered by start/runOnce/drain: a query here, outside `tx`, could wait on it.
      return this.#outbox.publish(input, tx);
    }
    const json = checkEventInput(input);
    const event: BusEvent = { id: newId(), type: input.type, source: input.source, subject: input.subject ?? null, data: JSON.parse(json), occurredAt: this.#clock.now() };
    await this.forward(event);
    return event;
  }

  /**
   * Puts one event on the bus as is (the outbox relay's handler). Throws AppError 400
   * `EVENT_INVALID` past EventBridge's entry size, 502 `EVENT_PUBLISH_FAILED` when EventBridge
   * refused the entry (FailedEntryCount), so that the outbox retries it.
   */
  async forward(event: BusEvent): Promise<void> {
    const detail = JSON.stringify(toEventDetail(event));
    const bytes = TIME_BYTES + Buffer.byteLength(event.source) + Buffer.byteLength(event.type) + Buffer.byteLength(detail);
    if (bytes > MAX_ENTRY_BYTES) throw badRequest('EVENT_INVALID', `the EventBridge entry would be ${bytes} bytes; the limit is ${MAX_ENTRY_BYTES}`);
    const result = await this.#client.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: this.#eventBusName, Source: event.source, DetailType: event.type, Detail: detail, Time: event.occurredAt, Resources: [] }],
      }),
    );
    if ((result.FailedEntryCount ?? 0) > 0) {
      const failed = result.Entries?.[0];
      throw new AppError(502, 'EVENT_PUBLISH_FAILED', `EventBridge refused event ${event.id}: ${failed?.ErrorCode ?? 'unknown'} ${failed?.ErrorMessage ?? ''}`.trim(), {
        details: { eventId: event.id, errorCode: failed?.ErrorCode ?? null },
      });
    }
  }

  async subscribe(name: string, pattern: string, handler: EventHandler): Promise<void> {
    checkSubscription(name, pattern);
    if (this.#subscriptions.has(name)) throw conflict('SUBSCRIPTION_EXISTS', `Subscription ${name} is already registered.`);
    this.#subscriptions.set(name, { pattern, handler });
  }

  /**
   * Runs subscription `name` on an event as EventBridge delivers it to the rule's Lambda target.
   * A throw fails the invocation, so EventBridge retries it and finally sends it to the rule's
   * dead-letter queue. Throws AppError 404 `SUBSCRIPTION_NOT_FOUND` for a name nobody subscribed
   * in this function, 400 `EVENT_INVALID` for an event the subscription's pattern does not match.
   */
  async deliver(name: string, eventBridgeEvent: unknown): Promise<void> {
    const subscription = this.#subscriptions.get(name);
    if (!subscription) throw new AppError(404, 'SUBSCRIPTION_NOT_FOUND', `No subscription ${name} in this function.`);
    const event = fromEventBridgeEvent(eventBridgeEvent);
    if (!patternMatches(subscription.pattern, event.type)) {
      throw badRequest('EVENT_INVALID', `event type ${event.type} does not match subscription ${name} (${subscription.pattern})`);
    }
    await subscription.handler(event);
  }

  async listDeadLetters(): Promise<Page<DeadLetter>> {
    throw unsupported('DEAD_LETTERS_ON_SQS', "dead letters are in each rule's SQS dead-letter queue: read them and redrive them with SQS");
  }

  async replayDeadLetter(): Promise<void> {
    throw unsupported('DEAD_LETTERS_ON_SQS', "dead letters are in each rule's SQS dead-letter queue: redrive them with SQS (StartMessageMoveTask)");
  }

  /** Starts the outbox relay, when there is an outbox; EventBridge itself needs no start. */
  async start(): Promise<void> {
    if (!this.#outbox) return;
    await this.#ensureRelay();
    await this.#outbox.start();
  }

  async stop(): Promise<void> {
    await this.#outbox?.stop();
  }

  /** One relay pass of the outbox (0 without one). */
  async runOnce(): Promise<number> {
    if (!this.#outbox) return 0;
    await this.#ensureRelay();
    return this.#outbox.runOnce();
  }

  /** Relays every committed outbox event now: what a Lambda handler calls before it returns. */
  async drain(): Promise<number> {
    if (!this.#outbox) return 0;
    await this.#ensureRelay();
    return this.#outbox.drain();
  }

  async #ensureRelay(): Promise<void> {
    const outbox = this.#outbox;
    if (!outbox) return;
    this.#relay ??= outbox.subscribe(RELAY_SUBSCRIPTION, '*', (event) => this.forward(event)).catch((err: unknown) => {
      this.#relay = undefined;
      throw err;
    });
    await this.#relay;
  }
}

function unsupported(code: string, why: string): AppError {
  return new AppError(501, code, `Not available on AWS: ${why}.`);
}
