import type { Migration } from '../../platform/migrations.ts';

export const affiliationMigrations: Migration[] = [
  {
    id: 'affiliation.001',
    sql: `
      CREATE TABLE affiliation_partners (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        domains text[] NOT NULL,
        currency char(3) NOT NULL,
        commission jsonb NOT NULL,
        attribution_window_days int NOT NULL,
        click_id_param text NOT NULL,
        secret_sealed text NOT NULL,
        previous_secret_sealed text,
        previous_secret_valid_until timestamptz,
        postback_mapping jsonb,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE affiliation_links (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        partner_id uuid NOT NULL REFERENCES affiliation_partners (id),
        url text NOT NULL,
        campaign text,
        category text,
        created_by uuid NOT NULL,
        org_id uuid,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE UNIQUE INDEX affiliation_links_code ON affiliation_links (code);
      CREATE INDEX affiliation_links_updated ON affiliation_links (updated_at);
      CREATE INDEX affiliation_links_org ON affiliation_links (org_id, id);
      -- Clicks arrive in batches from the redirect's journal; the id is the click id handed to the
      -- partner, so a replayed batch inserts nothing twice.
      CREATE TABLE affiliation_clicks (
        id uuid PRIMARY KEY,
        link_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        org_id uuid,
        at timestamptz NOT NULL,
        day date NOT NULL,
        ip_hash text NOT NULL,
        ua_class text NOT NULL,
        referrer_host text,
        bot_reason text
      );
      CREATE INDEX affiliation_clicks_day ON affiliation_clicks (day, link_id);
      -- One random salt per UTC day for the client address hashes; deleted once the day is over,
      -- so yesterday's hashes can no longer be matched to an address.
      CREATE TABLE affiliation_ip_salts (
        day date PRIMARY KEY,
        salt text NOT NULL
      );
      CREATE TABLE affiliation_conversions (
        id uuid PRIMARY KEY,
        partner_id uuid NOT NULL REFERENCES affiliation_partners (id),
        order_id text NOT NULL,
        click_id uuid,
        link_id uuid,
        org_id uuid,
        amount_cents bigint NOT NULL,
        currency char(3) NOT NULL,
        category text,
        status text NOT NULL,
        commission_cents bigint NOT NULL,
        unattributed_reason text,
        received_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT affiliation_conversions_order UNIQUE (partner_id, order_id)
      );
      CREATE INDEX affiliation_conversions_received ON affiliation_conversions (received_at);
    `,
  },
];
