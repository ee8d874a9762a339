import { lazyOcrEngine } from '../../platform/adapters/local/lazy-ocr-engine.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import type { OcrEngine } from '../../platform/ports/ocr-engine.ts';
import { ocrEvents } from './events.ts';
import { ocrMigrations } from './migrations.ts';
import { OcrService } from './ocr-service.ts';
import { OCR_UPLOAD_PREFIXES, ocrRoutes } from './routes.ts';
import type { VehicleRegistry } from './vehicle-registry.ts';

export { ocrEvents } from './events.ts';
export type { OcrDocument } from './schemas.ts';
export type { VehicleRegistry, VehicleFromCertificate } from './vehicle-registry.ts';
export type { CertificateReading, CertificateStatus, ReadingWarning } from './domain/assess-certificate.ts';
export { readCertificateLayout } from './domain/layout-reader.ts';
export { assessCertificate } from './domain/assess-certificate.ts';

/** What can be given when building the module. */
export interface OcrModuleOptions {
  /** An engine of its own, opened on the first document and closed at shutdown, instead of the platform's shared one (`ctx.ocr`). */
  engine?: () => Promise<OcrEngine>;
  /** Where `saveVehicle=true` saves, instead of the vehicles module's face (`ctx.faceOf('vehicles')`). */
  vehicles?: VehicleRegistry;
}

/**
 * OCR of vehicle documents: `POST /v1/ocr/documents` reads a registration certificate (photo,
 * scan or PDF) into its fields by printed code, validated and repaired, with a status and
 * warnings; the upload and the page image are kept encrypted under `ocr/`. Publishes
 * `ocr.document-read`.
 */
export function createOcrModule(options: OcrModuleOptions = {}): PlatformModule<undefined, typeof ocrEvents> {
  return {
    name: 'ocr',
    migrations: ocrMigrations,
    events: ocrEvents,
    async init(ctx) {
      // The platform's shared engine (it loads on the first page anywhere in the process, then
      // stays warm), unless the builder gave one of its own (benchmarks, tests).
      const own = options.engine ? lazyOcrEngine(options.engine) : undefined;
      const engine = async () => own ?? ctx.ocr;
      const service = new OcrService({
        db: ctx.db,
        blobs: ctx.blobs,
        clock: ctx.clock,
        ids: ctx.ids,
        events: ctx.events,
        engine,
        // The vehicles module's face, read when saving (it may start after this module).
        vehicles: () => options.vehicles ?? ctx.faceOf<VehicleRegistry>('vehicles'),
      });
      return {
        routes: ocrRoutes({ kit: ctx.http, service }),
        uploadPathPrefixes: OCR_UPLOAD_PREFIXES,
        ...(options.engine ? { health: { ocr: 'custom' } } : {}),
        async close() {
          await own?.close();
        },
      };
    },
  };
}

/** The module as the runtime registers it. */
export const ocrModule = createOcrModule();
