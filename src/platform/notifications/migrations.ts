import type { Migration } from '../migrations.ts';

/** The in-app inbox (one row per notification to a user) and per-user channel preferences. */
export const inboxMigrations: Migration[] = [
  {
    id: 'platform.inbox.001',
    sql: `
      CREATE TABLE inbox_notifications (
        id uuid PRIMARY KEY,
        user_id text NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        link text,
        data jsonb,
        created_at timestamptz NOT NULL,
        read_at timestamptz
      );
      CREATE INDEX inbox_by_user ON inbox_notifications (user_id, created_at DESC, id DESC);
      CREATE INDEX inbox_unread ON inbox_notifications (user_id, created_at DESC, id DESC) WHERE read_at IS NULL;
      CREATE TABLE notification_preferences (
        user_id text NOT NULL,
        kind text NOT NULL,
        email boolean NOT NULL,
        PRIMARY KEY (user_id, kind)
      );
    `,
  },
];
