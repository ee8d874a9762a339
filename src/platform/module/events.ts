import type { z } from 'zod';
import { badRequest } from '../errors.ts';
import type { BusEvent, EventBus, JsonValue } from '../ports/event-bus.ts';
import type { SqlExecutor } from '../ports/sql.ts';

/** The events a module publishes: event type → zod schema of its data. Exported from the module's index.ts. */
export type EventCatalog = Readonly<Record<string, z.ZodType>>;

/** An event whose data has been validated against its catalog schema. */
export interface TypedEvent<T> extends Omit<BusEvent, 'data'> {
  data: T;
}

/**
 * Declares a module's published events. Every type must start with `<module>.`.
 *
 * @example
 * export const vehicleEvents = defineEvents('vehicles', { 'vehicles.registered': z.object({ id: z.string() }) });
 */
export function defineEvents<const C extends EventCatalog>(module: string, catalog: C): C {
  for (const type of Object.keys(catalog)) {
    if (!type.startsWith(`${module}.`)) throw new Error(`event type ${type} of module ${module} must start with "${module}."`);
  }
  return catalog;
}

/** A module's typed publisher: only its catalog's types, data validated before it is stored. */
export interface TypedPublisher<C extends EventCatalog> {
  publish<T extends keyof C & string>(type: T, data: z.input<C[T]>, options?: { subject?: string; tx?: SqlExecutor }): Promise<BusEvent>;
}

/** Binds a catalog to the bus for the module `source`. */
export function typedPublisher<C extends EventCatalog>(bus: EventBus, source: string, catalog: C): TypedPublisher<C> {
  return {
    async publish(type, data, options = {}) {
      const schema = catalog[type];
      if (!schema) throw badRequest('EVENT_INVALID', `${source} does not declare the event ${type}.`);
      const parsed = schema.safeParse(data);
      if (!parsed.success) throw badRequest('EVENT_INVALID', `${type}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      return bus.publish({ type, source, data: parsed.data as JsonValue, ...(options.subject ? { subject: options.subject } : {}) }, options.tx);
    },
  };
}

/** A declared subscription: the runtime registers it under `<module>.on-<event>`. */
export interface SubscriptionPart {
  /** Suffix after `<module>.on-`; defaults to the event type with dots as dashes. */
  name?: string;
  /** Exact type or a prefix ending in `*`. */
  pattern: string;
  handler: (event: BusEvent) => Promise<void>;
}

/**
 * A typed subscription to another module's (or one's own) event: the handler gets the data
 * parsed by the publisher's schema. An event whose data does not match is a handler error
 * (retried, then dead-lettered), never silently dropped.
 */
export function on<C extends EventCatalog, T extends keyof C & string>(
  catalog: C,
  type: T,
  handler: (event: TypedEvent<z.output<C[T]>>) => Promise<void>,
  name?: string,
): SubscriptionPart {
  const schema = catalog[type]!;
  return {
    pattern: type,
    ...(name ? { name } : {}),
    handler: async (event) => {
      const data = schema.parse(event.data) as z.output<C[T]>;
      await handler({ ...event, data });
    },
  };
}

/** The registered name of a subscription: `<module>.on-<name>`, by default from its pattern (`a.b` → `a-b`, `a.*` → `a-all`). */
export function subscriptionName(module: string, part: SubscriptionPart): string {
  return `${module}.on-${part.name ?? part.pattern.replace(/\*$/, 'all').replaceAll('.', '-')}`;
}
