import { eventBusMigrations } from '../platform/adapters/local/outbox-event-bus.ts';
import { schedulerMigrations } from '../platform/adapters/local/sql-scheduler.ts';
import { sqlKeyValueMigrations } from '../platform/adapters/local/sql-key-value.ts';
import { sqlTimeSeriesMigrations } from '../platform/adapters/local/sql-time-series.ts';
import { workflowMigrations } from '../platform/adapters/local/workflows/migrations.ts';
import { notificationMigrations } from '../platform/adapters/local/notifications/migrations.ts';
import { idempotencyMigrations } from '../platform/http/idempotency.ts';
import type { Migration } from '../platform/migrations.ts';
import { identityMigrations } from '../modules/identity/index.ts';
import { modules } from './modules.ts';

/** Every schema change of the platform, identity and the feature modules, in apply order. */
export const allMigrations: Migration[] = [
  ...eventBusMigrations,
  ...schedulerMigrations,
  ...sqlKeyValueMigrations,
  ...sqlTimeSeriesMigrations,
  ...workflowMigrations,
  ...notificationMigrations,
  ...idempotencyMigrations,
  ...identityMigrations,
  ...modules.flatMap((m) => m.migrations),
];
