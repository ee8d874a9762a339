import type { Migration } from '../../platform/migrations.ts';

export const ocrMigrations: Migration[] = [
  {
    id: 'ocr.001',
    sql: `
      CREATE TABLE ocr_documents (
        id uuid PRIMARY KEY,
        owner_user_id uuid,
        org_id uuid,
        created_by uuid NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        content_type text NOT NULL,
        document_key text NOT NULL,
        page_key text,
        page_width int NOT NULL,
        page_height int NOT NULL,
        reading jsonb NOT NULL,
        vehicle_id uuid,
        created_at timestamptz NOT NULL,
        CHECK ((owner_user_id IS NULL) <> (org_id IS NULL))
      );
      CREATE INDEX ocr_documents_owner ON ocr_documents (owner_user_id, id) WHERE owner_user_id IS NOT NULL;
      CREATE INDEX ocr_documents_org ON ocr_documents (org_id, id) WHERE org_id IS NOT NULL;
    `,
  },
];
