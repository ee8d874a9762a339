import type { Migration } from '../../../migrations.ts';

/** The notifications outbox: every notification, its delivery state and attempts. */
export const notificationMigrations: Migration[] = [
  {
    id: 'platform.notifications.001',
    sql: `
      CREATE TABLE notifications (
        id text PRIMARY KEY,
        user_id text,
        email text,
        phone text,
        channel text NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
        subject text,
        body text NOT NULL,
        template text,
        data jsonb,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      );
      CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX notifications_by_created ON notifications (created_at DESC, id DESC);
      CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC, id DESC);
    `,
  },
];
