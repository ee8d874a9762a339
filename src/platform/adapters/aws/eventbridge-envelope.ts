import { z } from 'zod';
import { badRequest } from '../../errors.ts';
import type { BusEvent, JsonValue } from '../../ports/event-bus.ts';

/**
 * How a bus event travels on EventBridge: `source` and `detail-type` are the event's own
 * (rules match on them), `detail` carries the rest. The id and millisecond instant ride in the
 * detail because EventBridge replaces the entry's id and keeps its time to the second.
 */
export interface EventDetail {
  id: string;
  subject: string | null;
  occurredAt: string;
  data: JsonValue;
}

export function toEventDetail(event: BusEvent): EventDetail {
  return { id: event.id, subject: event.subject, occurredAt: event.occurredAt.toISOString(), data: event.data };
}

const eventBridgeEventSchema = z.object({
  source: z.string().min(1),
  'detail-type': z.string().min(1),
  detail: z.object({
    id: z.string().min(1),
    subject: z.string().nullable(),
    occurredAt: z.iso.datetime(),
    data: z.json(),
  }),
});

/**
 * The bus event in an EventBridge event as a rule's Lambda target receives it
 * (`{ version, id, 'detail-type', source, account, time, region, resources, detail }`).
 * Throws AppError 400 `EVENT_INVALID` for anything this platform did not publish.
 */
export function fromEventBridgeEvent(raw: unknown): BusEvent {
  const parsed = eventBridgeEventSchema.safeParse(raw);
  if (!parsed.success) throw badRequest('EVENT_INVALID', `not an event of this platform: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
  const { source, 'detail-type': type, detail } = parsed.data;
  return { id: detail.id, type, source, subject: detail.subject, data: detail.data as JsonValue, occurredAt: new Date(detail.occurredAt) };
}
