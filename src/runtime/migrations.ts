import { eventBusMigrations } from '../platform/adapters/local/outbox-event-bus.ts';
import { schedulerMigrations } from '../platform/adapters/local/sql-scheduler.ts';
import { sqlKeyValueMigrations } from '../platform/adapters/local/sql-key-value.ts';
import { sqlTimeSeriesMigrations } from '../platform/adapters/local/sql-time-series.ts';
import { workflowMigrations } from '../platform/adapters/local/workflows/migrations.ts';
import { notificationMigrations } from '../platform/adapters/local/notifications/migrations.ts';
import { idempotencyMigrations } from '../platform/idempotency/sql-idempotency-store.ts';
import { rateLimitMigrations } from '../platform/http/sql-rate-limit-store.ts';
import type { Migration } from '../platform/migrations.ts';
import { inboxMigrations } from '../platform/notifications/migrations.ts';
import { moduleNameRules } from '../platform/module/names.ts';
import type { PlatformModule } from '../platform/module/module.ts';

/** The platform's own schema: its adapters' tables, idempotency records, the inbox, rate-limit counters. */
export const platformMigrations: readonly Migration[] = [
  ...eventBusMigrations,
  ...schedulerMigrations,
  ...sqlKeyValueMigrations,
  ...sqlTimeSeriesMigrations,
  ...workflowMigrations,
  ...notificationMigrations,
  ...idempotencyMigrations,
  ...inboxMigrations,
  ...rateLimitMigrations,
];

/** Every schema change of the platform and the given modules, in apply order; module migrations must be `<module>.<NNN>`. */
export function migrationsOf(modules: readonly PlatformModule[]): Migration[] {
  for (const m of modules) for (const migration of m.migrations) moduleNameRules.migration(m.name, migration.id);
  return [...platformMigrations, ...modules.flatMap((m) => m.migrations)];
}
