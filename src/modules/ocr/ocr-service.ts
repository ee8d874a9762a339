import { type Principal, scopeFilter, tenancyOf } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { TypedPublisher } from '../../platform/module/events.ts';
import type { BlobStore } from '../../platform/ports/blob-store.ts';
import type { OcrEngine } from '../../platform/ports/ocr-engine.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import { type CertificateReading, assessCertificate } from './domain/assess-certificate.ts';
import { CERTIFICATE_QUERIES } from './domain/certificate-queries.ts';
import { readCertificateLayout } from './domain/layout-reader.ts';
import type { ocrEvents } from './events.ts';
import { readFirstPage } from './read-page.ts';
import type { OcrDocument } from './schemas.ts';
import type { VehicleRegistry } from './vehicle-registry.ts';

/** Largest document accepted (the platform's upload limit is the same by default). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const URL_SECONDS = 15 * 60;
const EXTENSIONS = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/pdf': 'pdf' } as const;

interface DocumentRow {
  id: string;
  owner_user_id: string | null;
  org_id: string | null;
  kind: OcrDocument['kind'];
  status: OcrDocument['status'];
  page_key: string | null;
  page_width: number;
  page_height: number;
  reading: Pick<OcrDocument, 'text' | 'fields' | 'normalized' | 'warnings' | 'timings' | 'vehicle'>;
  created_at: Date;
}

/** Reads uploaded documents, keeps them (encrypted blobs, one row each) and saves vehicles from them. */
export class OcrService {
  constructor(
    private readonly deps: {
      db: SqlDatabase;
      blobs: BlobStore;
      clock: Clock;
      ids: { newId(): string };
      events: TypedPublisher<typeof ocrEvents>;
      engine: () => Promise<OcrEngine>;
      /** Where `saveVehicle` saves; undefined when vehicles are not kept on this server. */
      vehicles: () => VehicleRegistry | undefined;
    },
  ) {}

  /**
   * Reads a document for the caller: the first page through OCR (or a digital PDF's text), the
   * certificate's fields by code, validated and judged; stores the upload and the page image
   * under `ocr/`, records the reading, publishes `ocr.document-read`, and with `saveVehicle`
   * creates or updates the caller's vehicle. A document that is not a certificate is read all
   * the same (status `not_a_certificate`); bad bytes are 4xx AppErrors.
   */
  async read(principal: Principal, input: { bytes: Uint8Array; kind: OcrDocument['kind']; saveVehicle: boolean }): Promise<OcrDocument> {
    const tenancy = tenancyOf(principal);
    if (input.bytes.length > MAX_DOCUMENT_BYTES) throw new AppError(413, 'DOCUMENT_TOO_LARGE', 'The document must be at most 10 MB.');
    const started = performance.now();
    const certificate = input.kind === 'registration_certificate';
    const read = await readFirstPage(input.bytes, this.deps.engine, certificate ? 'block' : 'page', certificate ? { queries: CERTIFICATE_QUERIES } : {});
    const readMs = performance.now() - started;
    const layoutStarted = performance.now();
    const reading: CertificateReading = certificate
      ? assessCertificate(readCertificateLayout(read.page), read.page, this.deps.clock.now().toISOString().slice(0, 10))
      : { status: 'readable', fields: {}, normalized: { plate: null, vin: null, make: null, model: null, firstRegistrationDate: null, holderName: null }, warnings: [] };
    const layoutMs = performance.now() - layoutStarted;

    const id = this.deps.ids.newId();
    const folder = `ocr/${tenancy.orgId ?? tenancy.ownerUserId}/${id}`;
    const documentKey = `${folder}/document.${EXTENSIONS[read.type]}`;
    const pageKey = `${folder}/page.${read.image.contentType === 'image/png' ? 'png' : 'jpg'}`;
    await this.deps.blobs.put(documentKey, input.bytes, { contentType: read.type });
    await this.deps.blobs.put(pageKey, read.image.bytes, { contentType: read.image.contentType });

    const warnings = [...reading.warnings];
    let vehicle: OcrDocument['vehicle'] = null;
    if (input.saveVehicle) vehicle = await this.#saveVehicle(principal, reading, warnings);
    const now = this.deps.clock.now();
    const stored: DocumentRow['reading'] = {
      text: read.page.text,
      fields: reading.fields as OcrDocument['fields'],
      normalized: reading.normalized,
      warnings,
      timings: { readMs: Math.round(readMs), layoutMs: Math.round(layoutMs * 10) / 10, totalMs: Math.round(performance.now() - started) },
      vehicle,
    };
    await this.deps.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO ocr_documents (id, owner_user_id, org_id, created_by, kind, status, content_type, document_key, page_key, page_width, page_height, reading, vehicle_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [id, tenancy.ownerUserId, tenancy.orgId, principal.userId, input.kind, reading.status, read.type, documentKey, pageKey, read.page.width, read.page.height, JSON.stringify(stored), vehicle?.id ?? null, now],
      );
      await this.deps.events.publish(
        'ocr.document-read',
        { documentId: id, ownerUserId: tenancy.ownerUserId, orgId: tenancy.orgId, kind: input.kind, status: reading.status, plate: reading.normalized.plate, vin: reading.normalized.vin, vehicleId: vehicle?.id ?? null },
        { subject: id, tx },
      );
    });
    return this.#toDocument({ id, owner_user_id: tenancy.ownerUserId, org_id: tenancy.orgId, kind: input.kind, status: reading.status, page_key: pageKey, page_width: read.page.width, page_height: read.page.height, reading: stored, created_at: now });
  }

  /** One of the caller's documents (another tenant's, or none, is 404), with a fresh image URL. */
  async get(principal: Principal, id: string): Promise<OcrDocument> {
    if (!isUuid(id)) throw notFound('OCR_DOCUMENT_NOT_FOUND', 'No such document.');
    const scope = scopeFilter(principal, { ownerUserId: 'owner_user_id', orgId: 'org_id' }, 2);
    const { rows } = await this.deps.db.query<DocumentRow>(
      `SELECT id, owner_user_id, org_id, kind, status, page_key, page_width, page_height, reading, created_at FROM ocr_documents WHERE id = $1 AND ${scope.sql}`,
      [id, ...scope.params],
    );
    const row = rows[0];
    if (!row) throw notFound('OCR_DOCUMENT_NOT_FOUND', 'No such document.');
    return this.#toDocument(row);
  }

  async #saveVehicle(principal: Principal, reading: CertificateReading, warnings: OcrDocument['warnings']): Promise<OcrDocument['vehicle']> {
    const { vin, plate, make, model, firstRegistrationDate } = reading.normalized;
    if (!vin || !plate || !make || !model || !firstRegistrationDate) {
      warnings.push({ code: 'VEHICLE_NOT_SAVED', message: 'Le véhicule n’a pas été enregistré : il manque le VIN, la plaque, la marque, le modèle ou la date de première immatriculation.' });
      return null;
    }
    const vehicles = this.deps.vehicles();
    if (!vehicles) {
      warnings.push({ code: 'VEHICLE_NOT_SAVED', message: 'L’enregistrement du véhicule n’est pas disponible sur ce serveur : ajoutez-le depuis « Mes véhicules ».' });
      return null;
    }
    try {
      return await vehicles.saveFromCertificate(principal, { vin, plate, make, model, year: Number(firstRegistrationDate.slice(0, 4)) });
    } catch (error) {
      // The reading stands even when the vehicle cannot be saved (a 4xx of the vehicles module).
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      warnings.push({ code: 'VEHICLE_NOT_SAVED', message: `Le véhicule n’a pas été enregistré (${error.code}) : ${error.message}` });
      return null;
    }
  }

  async #toDocument(row: DocumentRow): Promise<OcrDocument> {
    const imageUrl = row.page_key ? await this.deps.blobs.signedUrl(row.page_key, { method: 'GET', expiresInSeconds: URL_SECONDS }) : null;
    return {
      id: row.id,
      kind: row.kind,
      status: row.status,
      ...row.reading,
      page: { width: row.page_width, height: row.page_height, imageUrl },
      createdAt: row.created_at.toISOString(),
    };
  }
}
