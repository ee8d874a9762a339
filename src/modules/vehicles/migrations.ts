import type { Migration } from '../../platform/migrations.ts';

export const vehicleMigrations: Migration[] = [
  {
    id: 'vehicles.001',
    sql: `
      CREATE TABLE vehicles (
        id uuid PRIMARY KEY,
        owner_user_id uuid,
        org_id uuid,
        vin char(17) NOT NULL,
        plate text NOT NULL,
        make text NOT NULL,
        model text NOT NULL,
        year int NOT NULL,
        created_at timestamptz NOT NULL,
        CHECK ((owner_user_id IS NULL) <> (org_id IS NULL))
      );
      CREATE UNIQUE INDEX vehicles_owner_vin ON vehicles (owner_user_id, vin) WHERE owner_user_id IS NOT NULL;
      CREATE UNIQUE INDEX vehicles_org_vin ON vehicles (org_id, vin) WHERE org_id IS NOT NULL;
      CREATE INDEX vehicles_org ON vehicles (org_id, id);
    `,
  },
  {
    // Owners' lists are keyset-paginated by id: serve them from an index, not a sort.
    id: 'vehicles.002.owner-list-index',
    sql: 'CREATE INDEX vehicles_owner ON vehicles (owner_user_id, id) WHERE owner_user_id IS NOT NULL;',
  },
];
