import type { Migration } from '../../../platform/migrations.ts';

/** The stored analyses: what the owner wrote, the vehicle they chose and what was understood. */
export const nlpMigrations: Migration[] = [
  {
    id: 'nlp.001.analyses',
    sql: `
      CREATE TABLE nlp_analyses (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        text text NOT NULL,
        locale text,
        vehicle jsonb,
        language text NOT NULL,
        category text NOT NULL,
        urgency text NOT NULL,
        result jsonb NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX nlp_analyses_user_newest ON nlp_analyses (user_id, created_at DESC, id DESC);
      CREATE INDEX nlp_analyses_newest ON nlp_analyses (created_at DESC, id DESC);
    `,
  },
];
