import type { Migration } from '../../platform/migrations.ts';

export const kbisMigrations: Migration[] = [
  {
    id: 'kbis.001',
    sql: `
      CREATE TABLE kbis_verifications (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        user_id uuid NOT NULL,
        siren char(9) NOT NULL,
        declared_name text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'verified', 'rejected', 'needs_review')),
        document_key text NOT NULL,
        document_type text NOT NULL,
        document_sha256 text NOT NULL,
        document_deleted_at timestamptz,
        text_source text,
        ocr_confidence real,
        extracted jsonb,
        tamper jsonb,
        registry jsonb,
        checks jsonb NOT NULL DEFAULT '[]',
        reasons jsonb NOT NULL DEFAULT '[]',
        -- The workflow's decision, between the Decide and ApplyDecision steps (status stays pending until applied).
        proposed text CHECK (proposed IN ('verified', 'rejected', 'needs_review')),
        verification_code text,
        submitted_at timestamptz NOT NULL,
        decided_at timestamptz,
        decided_by text,
        registry_checked_at timestamptz
      );
      CREATE INDEX kbis_verifications_status ON kbis_verifications (status, id);
      CREATE INDEX kbis_verifications_org ON kbis_verifications (org_id, submitted_at DESC, id DESC);
      CREATE INDEX kbis_verifications_siren ON kbis_verifications (siren);
      CREATE INDEX kbis_verifications_retention ON kbis_verifications (decided_at) WHERE document_deleted_at IS NULL;
      CREATE INDEX kbis_verifications_recheck ON kbis_verifications (registry_checked_at) WHERE status = 'verified';

      -- Who decided what, kept after the document is deleted.
      CREATE TABLE kbis_decisions (
        id uuid PRIMARY KEY,
        verification_id uuid NOT NULL REFERENCES kbis_verifications(id),
        decision text NOT NULL,
        reasons jsonb NOT NULL,
        actor text NOT NULL,
        comment text,
        at timestamptz NOT NULL
      );
      CREATE INDEX kbis_decisions_verification ON kbis_decisions (verification_id, at);

      -- Admins who review verifications (told when one needs review).
      CREATE TABLE kbis_reviewers (user_id uuid PRIMARY KEY, since timestamptz NOT NULL);

      CREATE TABLE kbis_registry_companies (
        siren char(9) PRIMARY KEY,
        name text NOT NULL,
        active boolean NOT NULL,
        naf text,
        closed_on date
      );
      CREATE TABLE kbis_registry_imports (
        source text PRIMARY KEY,
        bytes_done bigint NOT NULL,
        rows_done bigint NOT NULL,
        skipped bigint NOT NULL,
        total_bytes bigint,
        status text NOT NULL,
        error text
      );
    `,
  },
  {
    // Admins to tell of a review were those who had opened the queue once; now every admin
    // is told (identity's usersWithRole), so the list is gone.
    id: 'kbis.002',
    sql: 'DROP TABLE kbis_reviewers;',
  },
];
