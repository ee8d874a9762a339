import path from 'node:path';
import { z } from 'zod';
import { loadAsl } from '../../platform/module/load-asl.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import { TaskFailure } from '../../platform/ports/workflows.ts';
import { flashEvents } from './events.ts';
import { flashMigrations } from './migrations.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { firmwareRoutes } from './routes/firmware-routes.ts';
import { jobRoutes } from './routes/job-routes.ts';
import { FirmwareCatalogue } from './service/firmware-catalogue.ts';
import { FLASH_WORKFLOW, JobService } from './service/job-service.ts';
import { type FlashConfig, flashConfig } from './service/config.ts';
import { keyFromFile, localManifestSigner, type ManifestSigner, parseSigningKey } from './service/manifest-signer.ts';
import { AuditStore } from './store/audit-store.ts';
import { FirmwareStore } from './store/firmware-store.ts';
import { JobStore } from './store/job-store.ts';

export { flashEvents } from './events.ts';
export type { ManifestSigner } from './service/manifest-signer.ts';
export { runFlashAgent, type FlashAgentOptions, type FlashAgentResult } from './agent-cli/run-flash-agent.ts';

/** The signer configuration asks for (no I/O here: a key file or KMS is reached at first use). */
function manifestSigner(config: FlashConfig): ManifestSigner {
  if (config.FLASH_SIGNER === 'kms') {
    const keyId = config.FLASH_KMS_KEY_ID!;
    // Loaded when chosen, like the other AWS adapters: a local process never imports the KMS client.
    let kms: Promise<ManifestSigner> | undefined;
    const signer = () => (kms ??= import('./service/kms-manifest-signer.ts').then((m) => m.kmsManifestSigner({ keyId })));
    return { publicKeyPem: async () => (await signer()).publicKeyPem(), sign: async (manifest) => (await signer()).sign(manifest) };
  }
  const configured = config.FLASH_SIGNING_KEY;
  return localManifestSigner(async () =>
    configured !== undefined ? parseSigningKey(configured) : keyFromFile(path.resolve(config.NOVAEVO_DATA_DIR, 'flash', 'signing-key.pem')),
  );
}

const AwaitInput = z.object({ jobId: z.string(), version: z.number().int().min(0) });
const JobInput = z.object({ jobId: z.string() });

/**
 * ECU flash: the admin's firmware catalogue (strict parsing, Ed25519-signed manifests), flash
 * jobs of verified pros run as a workflow with a task-token wait per state (its timeouts fail a
 * silent agent's job), the package released only once the backup is in, and a hash-chained
 * audit log.
 */
export const flashModule: PlatformModule<typeof flashConfig, typeof flashEvents> = {
  name: 'flash',
  migrations: flashMigrations,
  events: flashEvents,
  config: flashConfig,
  async init(ctx) {
    const signer = manifestSigner(ctx.config);
    const firmwares = new FirmwareStore(ctx.db);
    const jobs = new JobStore();
    const audit = new AuditStore();
    const catalogue = new FirmwareCatalogue({ db: ctx.db, store: firmwares, audit, blobs: ctx.blobs, signer, clock: ctx.clock, ids: ctx.ids });
    const service = new JobService({
      db: ctx.db, clock: ctx.clock, logger: ctx.logger, ids: ctx.ids, blobs: ctx.blobs, events: ctx.events,
      workflows: ctx.workflows, jobs, firmwares, audit,
    });
    const routes = firmwareRoutes({ kit: ctx.http, catalogue, store: firmwares, signer });
    routes.route('/', jobRoutes({ kit: ctx.http, service, jobs, firmwares, audit, blobs: ctx.blobs, signer, db: ctx.db, clock: ctx.clock, urlTtlSeconds: ctx.config.FLASH_URL_TTL_SECONDS }));
    routes.route('/', auditRoutes({ kit: ctx.http, audit, db: ctx.db, clock: ctx.clock }));
    return {
      routes,
      uploadPathPrefixes: ['/flash/firmwares'],
      workflows: { [FLASH_WORKFLOW]: loadAsl(new URL('./flash-job.asl.json', import.meta.url)) },
      tasks: {
        'flash-await-agent': async (input, task) => {
          if (!task.taskToken) throw new TaskFailure('States.Runtime', 'flash-await-agent runs as a .waitForTaskToken task');
          await service.awaitAgent(AwaitInput.parse(input), task.taskToken);
          return null;
        },
        'flash-agent-silent': async (input) => ({ ...(await service.agentSilent(JobInput.parse(input))) }),
        'flash-recovery-window-closed': async (input) => {
          await service.recoveryWindowClosed(JobInput.parse(input));
          return null;
        },
      },
    };
  },
};
