/** What the store knows about one stored object. */
export interface BlobInfo {
  key: string;
  /** Size of the body in bytes (as given, before any encryption). */
  size: number;
  contentType: string;
  /** SHA-256 of the body, lowercase hex: the same on every adapter, unlike S3's MD5 ETag. */
  etag: string;
  createdAt: Date;
  /** User metadata: lowercase keys, string values (S3 semantics). */
  metadata: Record<string, string>;
}

/** One entry of a listing: what every adapter can give without reading each object. */
export interface BlobListItem {
  key: string;
  size: number;
  createdAt: Date;
}

/** A page of a listing, in ascending key order (byte order of the UTF-8 keys). */
export interface BlobListPage {
  items: BlobListItem[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** How an object is written. */
export interface BlobPutOptions {
  contentType: string;
  /** Keys `[a-z0-9-_]{1,64}`, at most 2 KiB in total (the S3 limit); AppError 400 `BLOB_METADATA_INVALID` otherwise. */
  metadata?: Record<string, string>;
}

/** How a listing is paged. */
export interface BlobListOptions {
  /** 1 to 1000, default 100; AppError 400 `LIMIT_INVALID` otherwise. */
  limit?: number;
  /** From a previous page's `nextCursor`; AppError 400 `CURSOR_INVALID` when garbled. */
  cursor?: string;
}

/** A pre-authorised URL that lets a client without credentials read or write one object. */
export interface SignedUrlOptions {
  method: 'GET' | 'PUT';
  /** 1 s to 7 days (the S3 maximum); AppError 400 `BLOB_URL_EXPIRY_INVALID` otherwise. */
  expiresInSeconds: number;
  /** For PUT: the Content-Type the upload must carry. */
  contentType?: string;
}

/**
 * Object storage (S3-like): documents such as Kbis extracts, registration certificates, ECU files.
 * Adapters: a local folder (encrypted at rest) and S3. Keys are `/`-separated paths of
 * `[A-Za-z0-9!_.'()=-]` characters, at most 1024 characters; any other key is AppError 400
 * `BLOB_KEY_INVALID`. Writes are atomic: a reader sees the old object or the new one, never a part.
 *
 * @example
 * await blobs.put(`kbis/${orgId}/extract.pdf`, pdf, { contentType: 'application/pdf' });
 * const url = await blobs.signedUrl(`kbis/${orgId}/extract.pdf`, { method: 'GET', expiresInSeconds: 300 });
 */
export interface BlobStore {
  /** Stores (or replaces) an object and returns what was stored. */
  put(key: string, body: Uint8Array, options: BlobPutOptions): Promise<BlobInfo>;
  /** The object and its info, or undefined when there is none. */
  get(key: string): Promise<{ body: Uint8Array; info: BlobInfo } | undefined>;
  /** The object's info without its body, or undefined when there is none. */
  head(key: string): Promise<BlobInfo | undefined>;
  /** Removes an object; true when there was one. */
  delete(key: string): Promise<boolean>;
  /** Objects whose key starts with `prefix` (`''` for all), one page at a time. */
  list(prefix: string, options?: BlobListOptions): Promise<BlobListPage>;
  /** A URL, valid until it expires, that reads (GET) or writes (PUT) `key` without other credentials. */
  signedUrl(key: string, options: SignedUrlOptions): Promise<string>;
}
