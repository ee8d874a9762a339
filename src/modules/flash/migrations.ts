import type { Migration } from '../../platform/migrations.ts';

/** The flash module's tables: the firmware catalogue, jobs, and the append-only audit chain; 002 the job's revision. */
export const flashMigrations: Migration[] = [
  {
    id: 'flash.001',
    sql: `
      CREATE TABLE flash_firmwares (
        id uuid PRIMARY KEY,
        format text NOT NULL CHECK (format IN ('ihex', 'srec', 'bin')),
        sha256 char(64) NOT NULL,
        size integer NOT NULL,
        crc32 bigint NOT NULL,
        segments jsonb NOT NULL,
        make text NOT NULL,
        ecu_hardware jsonb NOT NULL,
        from_software jsonb NOT NULL,
        to_software text NOT NULL,
        notes text NOT NULL,
        base_address bigint,
        blob_key text NOT NULL,
        manifest jsonb NOT NULL,
        signature text NOT NULL,
        uploaded_by uuid NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE flash_jobs (
        id uuid PRIMARY KEY,
        org_id uuid,
        user_id uuid NOT NULL,
        firmware_id uuid NOT NULL REFERENCES flash_firmwares (id),
        vin text NOT NULL,
        ecu_hardware text NOT NULL,
        ecu_software text NOT NULL,
        status text NOT NULL,
        state jsonb NOT NULL,
        -- Transitions so far; the workflow's pending token waits at wf_version.
        version integer NOT NULL DEFAULT 0,
        wf_token text,
        wf_version integer,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX flash_jobs_org ON flash_jobs (org_id, id);
      CREATE TABLE flash_audit (
        seq bigint PRIMARY KEY,
        at text NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        job_id uuid,
        data jsonb NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      );
      CREATE INDEX flash_audit_job ON flash_audit (job_id, seq);
      -- The chain's head, locked by each append: one writer at a time, and a cut tail shows.
      CREATE TABLE flash_audit_head (id integer PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, hash char(64) NOT NULL);
      INSERT INTO flash_audit_head VALUES (1, 0, repeat('0', 64));
      CREATE FUNCTION flash_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'flash_audit is append-only'; END $$;
      CREATE TRIGGER flash_audit_no_change BEFORE UPDATE OR DELETE ON flash_audit
        FOR EACH ROW EXECUTE FUNCTION flash_audit_append_only();
    `,
  },
  {
    id: 'flash.002.job-revision',
    sql: `
      -- Every save counts one more (version counts status changes only): a report that neither
      -- moves nor audits the job writes without a lock, on the revision it read.
      ALTER TABLE flash_jobs ADD COLUMN revision integer NOT NULL DEFAULT 0;
    `,
  },
];
