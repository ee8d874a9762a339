import type { Migration } from '../../../migrations.ts';

/**
 * Tables of the outbox event bus. `event_outbox` holds every published event; a dispatcher
 * routes each one (sets `routed_at`) into one `event_deliveries` row per matching subscription,
 * which carries that subscriber's attempts, lease and retry schedule.
 */
export const eventBusMigrations: Migration[] = [
  {
    id: 'platform.events.001',
    sql: `
      CREATE TABLE event_outbox (
        id uuid PRIMARY KEY,
        type text NOT NULL,
        source text NOT NULL,
        subject text,
        data jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        routed_at timestamptz
      );
      CREATE INDEX event_outbox_unrouted ON event_outbox (id) WHERE routed_at IS NULL;

      CREATE TABLE event_subscriptions (
        name text PRIMARY KEY,
        pattern text NOT NULL,
        created_at timestamptz NOT NULL
      );

      CREATE TABLE event_deliveries (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL REFERENCES event_outbox (id),
        subscription text NOT NULL REFERENCES event_subscriptions (name),
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        locked_until timestamptz,
        lease_token uuid,
        last_error text,
        delivered_at timestamptz,
        failed_at timestamptz,
        UNIQUE (event_id, subscription)
      );
      CREATE INDEX event_deliveries_due ON event_deliveries (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX event_deliveries_dead ON event_deliveries (failed_at DESC, id DESC) WHERE status = 'dead';
    `,
  },
];
