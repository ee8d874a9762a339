import { createTesseractOcrEngine } from '../../platform/adapters/local/tesseract-ocr-engine.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import type { OcrEngine } from '../../platform/ports/ocr-engine.ts';
import { ocrConfig, type OcrConfig } from './config.ts';
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
  /** Opened on the first document, closed at shutdown; default tesseract.js (French model, a worker per CPU). */
  engine?: (config: OcrConfig) => Promise<OcrEngine>;
  /** Where `saveVehicle=true` saves, instead of the vehicles module's face (`ctx.faceOf('vehicles')`). */
  vehicles?: VehicleRegistry;
}

/**
 * OCR of vehicle documents: `POST /v1/ocr/documents` reads a registration certificate (photo,
 * scan or PDF) into its fields by printed code, validated and repaired, with a status and
 * warnings; the upload and the page image are kept encrypted under `ocr/`. Publishes
 * `ocr.document-read`.
 */
export function createOcrModule(options: OcrModuleOptions = {}): PlatformModule<typeof ocrConfig, typeof ocrEvents> {
  return {
    name: 'ocr',
    migrations: ocrMigrations,
    events: ocrEvents,
    config: ocrConfig,
    async init(ctx) {
      // The workers load on the first document (a second or two), then stay warm: init does no I/O.
      let engine: Promise<OcrEngine> | undefined;
      const open =
        options.engine ??
        ((config: OcrConfig) =>
          // Certificates are French: the French model alone reads them as well as French + English, in 40% less time.
          createTesseractOcrEngine({ languages: ['fra'], maxInputPixels: config.maxPixels, targetLongSide: 2500, ...(config.workers ? { workers: config.workers } : {}) }));
      const service = new OcrService({
        db: ctx.db,
        blobs: ctx.blobs,
        clock: ctx.clock,
        ids: ctx.ids,
        events: ctx.events,
        engine: () => (engine ??= open(ctx.config)),
        // The vehicles module's face, read when saving (it may start after this module).
        vehicles: () => options.vehicles ?? ctx.faceOf<VehicleRegistry>('vehicles'),
      });
      return {
        routes: ocrRoutes({ kit: ctx.http, service }),
        uploadPathPrefixes: OCR_UPLOAD_PREFIXES,
        health: { ocr: options.engine ? 'custom' : 'tesseract.js (fra)' },
        async close() {
          if (engine) await (await engine).close();
        },
      };
    },
  };
}

/** The module as the runtime registers it. */
export const ocrModule = createOcrModule();
