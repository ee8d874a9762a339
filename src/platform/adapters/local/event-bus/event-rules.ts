import { AppError, badRequest } from '../../../errors.ts';
import { MAX_EVENT_BYTES, type EventInput } from '../../../ports/event-bus.ts';

// Names EventBridge accepts too (DetailType/Source up to 128 characters, rule names up to 64),
// so that nothing published or subscribed locally would be refused in AWS.
const EVENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
const SUBSCRIPTION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// An exact type, a prefix followed by `*`, or `*` alone.
const SUBSCRIPTION_PATTERN = /^(?:[A-Za-z0-9._:/-]{1,128}\*?|\*)$/;
const MAX_SUBJECT_LENGTH = 1024;

/**
 * Checks an event before it is stored and returns its payload as JSON text.
 * Throws AppError 400 `EVENT_INVALID` naming the first problem.
 */
export function checkEventInput(event: EventInput): string {
  const invalid = (message: string): AppError => badRequest('EVENT_INVALID', message);
  if (typeof event.type !== 'string' || !EVENT_NAME.test(event.type)) {
    throw invalid(`event type must match ${EVENT_NAME.source}, got ${JSON.stringify(event.type)}`);
  }
  if (typeof event.source !== 'string' || !EVENT_NAME.test(event.source)) {
    throw invalid(`event source must match ${EVENT_NAME.source}, got ${JSON.stringify(event.source)}`);
  }
  if (event.subject !== undefined && (typeof event.subject !== 'string' || event.subject.length > MAX_SUBJECT_LENGTH)) {
    throw invalid(`event subject must be a string of at most ${MAX_SUBJECT_LENGTH} characters`);
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(event.data);
  } catch (cause) {
    throw new AppError(400, 'EVENT_INVALID', 'event data is not serialisable to JSON', { cause });
  }
  if (json === undefined) throw invalid('event data is required and must be JSON');
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_EVENT_BYTES) throw invalid(`event data is ${bytes} bytes of JSON; the limit is ${MAX_EVENT_BYTES}`);
  return json;
}

/**
 * Checks a subscription's name and pattern. A pattern is an exact event type, or a prefix
 * followed by one trailing `*` (`vehicle.*`, or `*` alone for every event).
 * Throws AppError 400 `SUBSCRIPTION_INVALID`.
 */
export function checkSubscription(name: string, pattern: string): void {
  if (typeof name !== 'string' || !SUBSCRIPTION_NAME.test(name)) {
    throw badRequest('SUBSCRIPTION_INVALID', `subscription name must match ${SUBSCRIPTION_NAME.source}, got ${JSON.stringify(name)}`);
  }
  if (typeof pattern !== 'string' || !SUBSCRIPTION_PATTERN.test(pattern)) {
    throw badRequest('SUBSCRIPTION_INVALID', `subscription pattern must be an event type or a prefix ending in *, got ${JSON.stringify(pattern)}`);
  }
}

/** True when an event of type `type` goes to a subscription with `pattern` (checked by {@link checkSubscription}). */
export function patternMatches(pattern: string, type: string): boolean {
  return pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
}
