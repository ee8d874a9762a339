import type { Migration } from '../../platform/migrations.ts';

/** Tables of the OBD module: devices, each vehicle's fault codes, notices sent, misfire counters. */
export const obdMigrations: Migration[] = [
  {
    id: 'obd.001',
    sql: `
      CREATE TABLE obd_devices (
        id uuid PRIMARY KEY,
        vehicle_id uuid NOT NULL,
        owner_user_id uuid NOT NULL,
        label text NOT NULL,
        secret_salt text NOT NULL,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE INDEX obd_devices_owner ON obd_devices (owner_user_id, id);
      CREATE INDEX obd_devices_vehicle ON obd_devices (vehicle_id);
      CREATE TABLE obd_dtcs (
        vehicle_id uuid NOT NULL,
        code text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'pending', 'permanent', 'cleared')),
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        PRIMARY KEY (vehicle_id, code)
      );
      CREATE TABLE obd_notices (
        vehicle_id uuid NOT NULL,
        key text NOT NULL,
        day date NOT NULL,
        PRIMARY KEY (vehicle_id, key, day)
      );
      CREATE TABLE obd_misfires (
        vehicle_id uuid NOT NULL,
        cylinder int NOT NULL,
        count double precision NOT NULL,
        PRIMARY KEY (vehicle_id, cylinder)
      );
    `,
  },
];
