import { lazyOcrEngine } from '../../platform/adapters/local/lazy-ocr-engine.ts';
import { Readable } from 'node:stream';
import { on } from '../../platform/module/events.ts';
import { loadAsl } from '../../platform/module/load-asl.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import type { OcrEngine } from '../../platform/ports/ocr-engine.ts';
import { kbisConfig } from './config.ts';
import { kbisEvents } from './events.ts';
import { kbisMigrations } from './migrations.ts';
import { adminRoutes } from './admin-routes.ts';
import { KBIS_UPLOAD_PREFIXES, proRoutes } from './pro-routes.ts';
import type { CompanyRegistry } from './registry/company-registry.ts';
import { RechercheEntreprisesRegistry } from './registry/recherche-entreprises-registry.ts';
import { importSireneStock } from './registry/sirene-import.ts';
import { SqlCompanyRegistry } from './registry/sql-company-registry.ts';
import { kbisTemplates } from './templates.ts';
import { deleteExpiredDocuments, recheckVerifiedCompanies } from './verification/chores.ts';
import { VerificationService } from './verification/verification-service.ts';
import { VerificationStore } from './verification/verification-store.ts';
import { verificationTasks } from './verification/workflow-tasks.ts';

export { kbisEvents } from './events.ts';
export type { Verification } from './verification/verification-record.ts';
export type { CompanyRegistry, RegistryCompany, RegistryLookup } from './registry/company-registry.ts';
export { REASON_CODES, type ReasonCode, type Decision } from './domain/decide.ts';
export { CHECK_CODES, type Check } from './domain/checks.ts';
export { importSireneStock, type ImportProgress, type ImportSource } from './registry/sirene-import.ts';

/** What can be swapped when building the module (tests, benchmark): the OCR engine. */
export interface KbisModuleOptions {
  /** An engine of its own, opened on the first scanned document and closed at shutdown, instead of the platform's shared one (`ctx.ocr`). */
  ocr?: () => Promise<OcrEngine>;
}

/**
 * KBIS verification: a pro uploads its Kbis extract, the `kbis-verify` workflow reads it (text
 * layer or OCR), asks the company registry, runs the checks, decides, updates the organisation's
 * verification and notifies; admins review what it could not decide. Publishes
 * `kbis.verification-decided` and `kbis.company-closed`.
 */
export function createKbisModule(options: KbisModuleOptions = {}): PlatformModule<typeof kbisConfig, typeof kbisEvents> {
  return {
    name: 'kbis',
    migrations: kbisMigrations,
    events: kbisEvents,
    config: kbisConfig,
    async init(ctx) {
      const { config } = ctx;
      const registry: CompanyRegistry =
        config.registry.kind === 'remote'
          ? new RechercheEntreprisesRegistry({ baseUrl: config.registry.url, requestsPerSecond: config.registry.requestsPerSecond, clock: ctx.clock })
          : new SqlCompanyRegistry(ctx.db);
      // The platform's shared engine (opened on the first scan: most extracts are digital PDFs),
      // unless the builder gave one of its own (benchmarks, tests).
      const own = options.ocr ? lazyOcrEngine(options.ocr) : undefined;
      const ocr = async () => own ?? ctx.ocr;
      const store = new VerificationStore(ctx.db);
      const effects = { db: ctx.db, store, identity: ctx.identity, notify: ctx.notify, logger: ctx.logger, events: ctx.events, ids: ctx.ids };
      const service = new VerificationService({ ...effects, blobs: ctx.blobs, clock: ctx.clock });
      const choreDeps = { ...effects, blobs: ctx.blobs, registry, recheckDays: config.recheckDays, retentionDays: config.retentionDays };
      const routes = proRoutes({ kit: ctx.http, service, store });
      routes.route('/', adminRoutes({ kit: ctx.http, service, store, blobs: ctx.blobs, db: ctx.db, events: ctx.events, ids: ctx.ids }));
      return {
        routes,
        uploadPathPrefixes: KBIS_UPLOAD_PREFIXES,
        workflows: { 'kbis-verify': loadAsl(new URL('./verification/kbis-verify.asl.json', import.meta.url)) },
        tasks: verificationTasks({ ...effects, blobs: ctx.blobs, registry, ocr, clock: ctx.clock, config }),
        subscriptions: [
          on(kbisEvents, 'kbis.verification-submitted', async (e) => {
            await ctx.workflows.start('kbis-verify', { verificationId: e.data.verificationId }, { executionId: `kbis-${e.data.verificationId}` });
          }),
          on(kbisEvents, 'kbis.registry-upload-received', async (e) => {
            const blob = await ctx.blobs.get(e.data.blobKey);
            if (!blob) return; // deleted since: nothing to import
            // Resumable: a retried delivery continues after the last committed batch.
            try {
              await importSireneStock(ctx.db, { key: e.data.blobKey, totalBytes: blob.body.length, open: (start) => Readable.from([Buffer.from(blob.body.subarray(start))]) });
            } catch (err) {
              // A file that is not a SIRENE stock is the uploader's mistake, recorded on the import: no retry.
              if ((err as { code?: string }).code !== 'REGISTRY_FILE_INVALID') throw err;
            }
          }),
        ],
        chores: {
          'kbis.registry-recheck': (now) => recheckVerifiedCompanies(choreDeps, now),
          'kbis.document-retention': (now) => deleteExpiredDocuments(choreDeps, now),
        },
        templates: kbisTemplates,
        health: { companyRegistry: registry.name },
        close: async () => {
          await own?.close();
        },
      };
    },
  };
}

/** The module as the runtime registers it. */
export const kbisModule = createKbisModule();
