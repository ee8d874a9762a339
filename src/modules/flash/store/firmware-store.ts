import type { SqlExecutor } from '../../../platform/ports/sql.ts';
import type { FirmwareFormat } from '../firmware/firmware-image.ts';
import type { FlashManifest } from '../package/manifest.ts';

/** A catalogue entry as stored. */
export interface FirmwareRecord {
  id: string;
  format: FirmwareFormat;
  sha256: string;
  size: number;
  crc32: number;
  segments: FlashManifest['segments'];
  make: string;
  ecuHardware: string[];
  fromSoftware: string[];
  toSoftware: string;
  notes: string;
  baseAddress: number | null;
  blobKey: string;
  manifest: FlashManifest;
  signature: string;
  uploadedBy: string;
  createdAt: Date;
}

interface FirmwareRow {
  id: string;
  format: FirmwareFormat;
  sha256: string;
  size: number;
  crc32: number;
  segments: FlashManifest['segments'];
  make: string;
  ecu_hardware: string[];
  from_software: string[];
  to_software: string;
  notes: string;
  base_address: number | null;
  blob_key: string;
  manifest: FlashManifest;
  signature: string;
  uploaded_by: string;
  created_at: Date;
}

const toRecord = (r: FirmwareRow): FirmwareRecord => ({
  id: r.id, format: r.format, sha256: r.sha256, size: Number(r.size), crc32: Number(r.crc32), segments: r.segments, make: r.make,
  ecuHardware: r.ecu_hardware, fromSoftware: r.from_software, toSoftware: r.to_software, notes: r.notes,
  baseAddress: r.base_address === null ? null : Number(r.base_address), blobKey: r.blob_key, manifest: r.manifest, signature: r.signature,
  uploadedBy: r.uploaded_by, createdAt: r.created_at,
});

/** The firmware catalogue's table. Entries never change once stored, so each process keeps those it has read. */
export class FirmwareStore {
  readonly #read = new Map<string, FirmwareRecord>();

  constructor(private readonly db: SqlExecutor) {}

  /** Inserts an entry, in the caller's transaction when given one. */
  async insert(f: FirmwareRecord, tx: SqlExecutor = this.db): Promise<void> {
    await tx.query(
      `INSERT INTO flash_firmwares (id, format, sha256, size, crc32, segments, make, ecu_hardware, from_software, to_software, notes,
         base_address, blob_key, manifest, signature, uploaded_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13, $14::jsonb, $15, $16, $17)`,
      [f.id, f.format, f.sha256, f.size, f.crc32, JSON.stringify(f.segments), f.make, JSON.stringify(f.ecuHardware), JSON.stringify(f.fromSoftware),
        f.toSoftware, f.notes, f.baseAddress, f.blobKey, JSON.stringify(f.manifest), f.signature, f.uploadedBy, f.createdAt],
    );
  }

  async get(id: string): Promise<FirmwareRecord | undefined> {
    const known = this.#read.get(id);
    if (known) return known;
    const row = (await this.db.query<FirmwareRow>('SELECT * FROM flash_firmwares WHERE id = $1', [id])).rows[0];
    if (!row) return undefined;
    const record = toRecord(row);
    // Bounded: a catalogue holds a few thousand entries; past that, the oldest read goes.
    if (this.#read.size >= 10_000) this.#read.delete(this.#read.keys().next().value!);
    this.#read.set(id, record);
    return record;
  }

  /** Oldest first, after `afterId`. */
  async list(afterId: string | undefined, limit: number): Promise<FirmwareRecord[]> {
    const res = await this.db.query<FirmwareRow>(
      'SELECT * FROM flash_firmwares WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2',
      [afterId ?? null, limit],
    );
    return res.rows.map(toRecord);
  }
}
