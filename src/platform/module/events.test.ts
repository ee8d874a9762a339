import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { BusEvent, EventBus, EventInput } from '../ports/event-bus.ts';
import { defineEvents, on, typedPublisher } from './events.ts';

const catalog = defineEvents('garage', { 'garage.opened': z.object({ id: z.string(), bays: z.number().int().min(1) }) });

function recordingBus(): { bus: EventBus; published: EventInput[] } {
  const published: EventInput[] = [];
  const bus = {
    publish: async (e: EventInput) => {
      published.push(e);
      return { id: 'e1', type: e.type, source: e.source, subject: e.subject ?? null, data: e.data, occurredAt: new Date(0) } satisfies BusEvent;
    },
  } as unknown as EventBus;
  return { bus, published };
}

describe('typed events', () => {
  it('refuses a catalog whose types are not prefixed with the module', () => {
    expect(() => defineEvents('garage', { 'vehicle.opened': z.object({}) })).toThrow(/must start with "garage."/);
  });

  it('validates data at publish and stamps the module as the source', async () => {
    const { bus, published } = recordingBus();
    const events = typedPublisher(bus, 'garage', catalog);
    await events.publish('garage.opened', { id: 'g1', bays: 2 }, { subject: 'g1' });
    expect(published).toEqual([{ type: 'garage.opened', source: 'garage', subject: 'g1', data: { id: 'g1', bays: 2 } }]);
    await expect(events.publish('garage.opened', { id: 'g1', bays: 0 })).rejects.toMatchObject({ status: 400, code: 'EVENT_INVALID' });
    // @ts-expect-error — an event the module did not declare cannot even be named.
    await expect(events.publish('garage.closed', {})).rejects.toMatchObject({ code: 'EVENT_INVALID' });
  });

  it('hands subscribers the parsed data, and makes bad data a handler error (retried, never dropped)', async () => {
    const seen: number[] = [];
    const sub = on(catalog, 'garage.opened', async (e) => void seen.push(e.data.bays));
    await sub.handler({ id: 'e', type: 'garage.opened', source: 'garage', subject: null, occurredAt: new Date(0), data: { id: 'g', bays: 3 } });
    expect(seen).toEqual([3]);
    await expect(sub.handler({ id: 'e', type: 'garage.opened', source: 'garage', subject: null, occurredAt: new Date(0), data: { id: 'g' } })).rejects.toThrow();
  });
});
