import type { Migration } from '../../platform/migrations.ts';

/** Tables of the planning module: professionals' profiles, learned durations, appointments and holds. */
export const planningMigrations: Migration[] = [
  {
    id: 'planning.001',
    sql: `
      -- One profile per professional organisation (proId = organisation id). Its row is also the
      -- lock every booking of that professional takes (SELECT ... FOR UPDATE), so capacity is
      -- checked and written by one transaction at a time per professional, across processes.
      CREATE TABLE planning_profiles (
        org_id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        name text NOT NULL,
        lat double precision NOT NULL,
        lon double precision NOT NULL,
        address text NOT NULL,
        services jsonb NOT NULL,
        capacity int NOT NULL,
        buffer_min int NOT NULL,
        opening_hours jsonb NOT NULL,
        closures jsonb NOT NULL,
        timezone text NOT NULL,
        feed_token text NOT NULL UNIQUE,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX planning_profiles_geo ON planning_profiles (lat, lon);

      -- The estimate slot search and booking plan with, recomputed from the time series at each completion.
      CREATE TABLE planning_learned_durations (
        org_id uuid NOT NULL,
        service text NOT NULL,
        duration_min int NOT NULL,
        sample_size int NOT NULL,
        PRIMARY KEY (org_id, service)
      );

      CREATE TABLE planning_appointments (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        owner_user_id uuid NOT NULL,
        service text NOT NULL,
        start_at timestamptz NOT NULL,
        end_at timestamptz NOT NULL,
        status text NOT NULL,
        hold_expires_at timestamptz,
        vehicle_id uuid,
        notes text,
        analysis_id text,
        urgency text NOT NULL,
        proposed_start timestamptz,
        proposed_end timestamptz,
        decline_reason text,
        actual_duration_min int,
        reminder_timers jsonb NOT NULL DEFAULT '[]',
        sequence int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX planning_appointments_pro_time ON planning_appointments (org_id, start_at);
      CREATE INDEX planning_appointments_owner ON planning_appointments (owner_user_id, id);
      CREATE INDEX planning_appointments_org ON planning_appointments (org_id, id);
    `,
  },
  {
    id: 'planning.002',
    sql: `
      -- The booking workflow (planning-booking.asl.json): every change bumps version; the workflow's
      -- pending task token and the version it waits beyond are kept here, so a change answers it.
      ALTER TABLE planning_appointments ADD COLUMN version int NOT NULL DEFAULT 0;
      ALTER TABLE planning_appointments ADD COLUMN wf_token text;
      ALTER TABLE planning_appointments ADD COLUMN wf_version int;
    `,
  },
  {
    id: 'planning.003',
    sql: `
      -- Slot search and booking read the bookings that may take a bay and end after the window
      -- starts: past bookings (most of the table, in time) stay out of the scan.
      CREATE INDEX planning_appointments_busy ON planning_appointments (org_id, end_at) INCLUDE (start_at, status, hold_expires_at)
        WHERE status IN ('held', 'requested', 'confirmed', 'proposed', 'completed');
      -- Bumped in the transaction of every change slot search depends on (the profile, a booking
      -- of this professional, a learned duration): processes keep what they read by revision.
      ALTER TABLE planning_profiles ADD COLUMN revision bigint NOT NULL DEFAULT 0;
    `,
  },
];
