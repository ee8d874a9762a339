import type { Migration } from '../../platform/migrations.ts';

export const identityMigrations: Migration[] = [
  {
    id: 'identity.001.users',
    sql: `
      CREATE TABLE organisations (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        siren char(9) NOT NULL UNIQUE,
        verified_at timestamptz,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner', 'pro', 'admin')),
        name text NOT NULL,
        org_id uuid REFERENCES organisations(id),
        created_at timestamptz NOT NULL,
        CHECK ((role = 'pro') = (org_id IS NOT NULL))
      );
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
      CREATE TABLE login_failures (
        email text PRIMARY KEY,
        failures int NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until timestamptz
      );
      CREATE TABLE signing_keys (
        kid text PRIMARY KEY,
        alg text NOT NULL,
        private_jwk jsonb NOT NULL,
        public_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL
      );
    `,
  },
  {
    // Organisations carry their verification (set by KBIS verification or an admin) and users
    // their language and the proof that they own their email address.
    id: 'identity.002.verification-and-locale',
    sql: `
      ALTER TABLE organisations ADD COLUMN verification_status text NOT NULL DEFAULT 'unverified'
        CHECK (verification_status IN ('unverified', 'needs_review', 'verified', 'rejected'));
      ALTER TABLE organisations ADD COLUMN verification_source text;
      UPDATE organisations SET verification_status = 'verified' WHERE verified_at IS NOT NULL;
      ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en'));
      ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
    `,
  },
  {
    // Failed logins are counted per (account, address) pair and per address, never per account
    // alone, so that nobody can lock a victim out by typing wrong passwords for them.
    id: 'identity.003.login-throttle',
    sql: `
      DROP TABLE login_failures;
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        failures int NOT NULL,
        window_started_at timestamptz NOT NULL,
        lockouts int NOT NULL DEFAULT 0,
        locked_until timestamptz
      );
    `,
  },
  {
    // Revoked sessions are read back every few seconds to stop their access tokens.
    id: 'identity.004.revoked-sessions-index',
    sql: 'CREATE INDEX refresh_tokens_revoked ON refresh_tokens (revoked_at) WHERE revoked_at IS NOT NULL;',
  },
  {
    // Several professionals may claim one SIREN until KBIS verification says which is the
    // company's (a first claim must not lock the real company out); emails are proven by a link.
    id: 'identity.005.siren-claims-and-email-verification',
    sql: `
      ALTER TABLE organisations DROP CONSTRAINT organisations_siren_key;
      CREATE INDEX organisations_siren ON organisations (siren);
      CREATE TABLE email_verifications (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX email_verifications_user ON email_verifications (user_id);
    `,
  },
];
