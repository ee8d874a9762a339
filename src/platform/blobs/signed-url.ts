import { createHmac, timingSafeEqual } from 'node:crypto';
import { type AppError, badRequest, forbidden } from '../errors.ts';
import { assertValidBlobKey } from './blob-validation.ts';

/** Longest validity of a signed URL: 7 days, as S3 presigned URLs. */
export const MAX_SIGNED_URL_SECONDS = 7 * 24 * 3600;
const MIN_SECRET_BYTES = 32;
const SIGNATURE_VERSION = 'novaevo-blob-url-v1';

/** Where signed URLs point and the secret that signs them. */
export interface BlobUrlSigning {
  /** Public URL of the route serving blobs, e.g. `http://127.0.0.1:3000/v1/blobs`. */
  baseUrl: string;
  /** HMAC-SHA256 key, at least 32 bytes. */
  secret: Uint8Array | string;
}

/** What a signed URL grants. */
export interface BlobUrlGrant {
  key: string;
  method: 'GET' | 'PUT';
  /** 1 s to 7 days. */
  expiresInSeconds: number;
  /** For PUT: the Content-Type the upload must carry. */
  contentType?: string;
}

/** The outcome of `verifyBlobUrl`: what the URL grants, or the 403 to answer. */
export type BlobUrlVerification =
  | { ok: true; expiresAt: Date; contentType: string | undefined }
  | { ok: false; error: AppError };

/** A request to a signed URL, as the HTTP route sees it. */
export interface BlobUrlRequest {
  secret: Uint8Array | string;
  /** The key decoded from the URL path. */
  key: string;
  /** The HTTP method of the request (HEAD should be passed as GET). */
  method: string;
  /** The URL's query parameters. */
  query: URLSearchParams | Record<string, string | undefined>;
  now: Date;
  /** The request's Content-Type header (checked for PUT URLs signed with one). */
  contentType?: string;
}

function secretBytes(secret: Uint8Array | string): Buffer {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (bytes.length < MIN_SECRET_BYTES) throw new Error(`The blob URL signing secret must be at least ${MIN_SECRET_BYTES} bytes`);
  return bytes;
}

// A JSON array is unambiguous: no choice of key or content type can make two grants sign alike.
function signature(secret: Uint8Array | string, method: string, key: string, expires: string, contentType: string | undefined): string {
  const payload = JSON.stringify([SIGNATURE_VERSION, method, key, expires, contentType ?? null]);
  return createHmac('sha256', secretBytes(secret)).update(payload).digest('base64url');
}

/** `key` as a URL path, each segment percent-encoded. */
function keyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/**
 * A URL under `signing.baseUrl` that grants `grant.method` on `grant.key` until
 * `now + expiresInSeconds` (whole seconds): `<baseUrl>/<key>?expires=<unix>&method=GET&sig=<hmac>`.
 * Throws AppError 400 `BLOB_KEY_INVALID` or `BLOB_URL_EXPIRY_INVALID` for a bad grant.
 */
export function signBlobUrl(signing: BlobUrlSigning, grant: BlobUrlGrant, now: Date): string {
  assertValidBlobKey(grant.key);
  if (!Number.isInteger(grant.expiresInSeconds) || grant.expiresInSeconds < 1 || grant.expiresInSeconds > MAX_SIGNED_URL_SECONDS) {
    throw badRequest('BLOB_URL_EXPIRY_INVALID', `expiresInSeconds must be an integer from 1 to ${MAX_SIGNED_URL_SECONDS}`);
  }
  const expires = String(Math.floor(now.getTime() / 1000) + grant.expiresInSeconds);
  const query = new URLSearchParams({ expires, method: grant.method });
  if (grant.contentType !== undefined) query.set('contentType', grant.contentType);
  query.set('sig', signature(signing.secret, grant.method, grant.key, expires, grant.contentType));
  return `${signing.baseUrl.replace(/\/+$/, '')}/${keyPath(grant.key)}?${query.toString()}`;
}

function queryParam(query: BlobUrlRequest['query'], name: string): string | undefined {
  return query instanceof URLSearchParams ? (query.get(name) ?? undefined) : query[name];
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  // The signature's length is public; only its content must be compared in constant time.
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a request against its signed URL: the signature first (403 `SIGNATURE_INVALID`, also for
 * a method or Content-Type other than the signed one), then the expiry (403 `URL_EXPIRED`).
 * Never throws for bad input: the route answers `error` as is.
 */
export function verifyBlobUrl(request: BlobUrlRequest): BlobUrlVerification {
  const invalid = { ok: false, error: forbidden('SIGNATURE_INVALID', 'The URL signature is invalid') } as const;
  const expires = queryParam(request.query, 'expires');
  const method = queryParam(request.query, 'method');
  const sig = queryParam(request.query, 'sig');
  const contentType = queryParam(request.query, 'contentType');
  if (!expires || !/^\d{1,12}$/.test(expires) || !sig || method !== request.method) return invalid;
  if (!sameSignature(signature(request.secret, request.method, request.key, expires, contentType), sig)) return invalid;
  if (contentType !== undefined && contentType.toLowerCase() !== request.contentType?.trim().toLowerCase()) return invalid;
  const expiresAt = new Date(Number(expires) * 1000);
  if (request.now.getTime() >= expiresAt.getTime()) {
    return { ok: false, error: forbidden('URL_EXPIRED', `The URL expired at ${expiresAt.toISOString()}`) };
  }
  return { ok: true, expiresAt, contentType };
}
