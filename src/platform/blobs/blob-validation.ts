import { badRequest } from '../errors.ts';

/** Longest key, as on S3. */
export const MAX_BLOB_KEY_LENGTH = 1024;
/** Longest segment between slashes: leaves room for a file suffix under the usual 255-byte name limit. */
export const MAX_BLOB_KEY_SEGMENT_LENGTH = 250;
/** Largest page of a listing. */
export const MAX_BLOB_LIST_LIMIT = 1000;
const DEFAULT_BLOB_LIST_LIMIT = 100;
const MAX_METADATA_BYTES = 2048;

// S3's "safe characters" (minus `*`, which no file system on Windows accepts) plus `=` for
// partitions such as `date=2026-01-01`. Everything else would need escaping somewhere.
const KEY_CHARS = /^[A-Za-z0-9!_.'()=\-/]*$/;
const METADATA_KEY = /^[a-z0-9_-]{1,64}$/;

function invalidKey(key: string, why: string) {
  return badRequest('BLOB_KEY_INVALID', `Blob key ${JSON.stringify(key.slice(0, 100))} is invalid: ${why}`);
}

function segmentProblem(segment: string): string | undefined {
  if (segment === '') return 'it has an empty segment (leading, trailing or double slash)';
  if (segment === '.' || segment === '..') return 'a segment is "." or ".."';
  if (segment.length > MAX_BLOB_KEY_SEGMENT_LENGTH) return `a segment exceeds ${MAX_BLOB_KEY_SEGMENT_LENGTH} characters`;
  return undefined;
}

/**
 * Throws AppError 400 `BLOB_KEY_INVALID` unless `key` is a relative `/`-separated path of safe
 * characters: 1 to 1024 characters, no empty, `.` or `..` segment (so no absolute path and no
 * escape from a folder), no NUL or other control character.
 */
export function assertValidBlobKey(key: string): void {
  if (key.length === 0 || key.length > MAX_BLOB_KEY_LENGTH) throw invalidKey(key, `it must have 1 to ${MAX_BLOB_KEY_LENGTH} characters`);
  if (!KEY_CHARS.test(key)) throw invalidKey(key, "only letters, digits, /, !, _, ., ', (, ), = and - are allowed");
  for (const segment of key.split('/')) {
    const problem = segmentProblem(segment);
    if (problem) throw invalidKey(key, problem);
  }
}

/**
 * Throws AppError 400 `BLOB_KEY_INVALID` unless `prefix` can start a valid key: `''`, or safe
 * characters whose complete segments (those followed by `/`) are valid.
 */
export function assertValidBlobPrefix(prefix: string): void {
  if (prefix.length > MAX_BLOB_KEY_LENGTH) throw invalidKey(prefix, `a prefix has at most ${MAX_BLOB_KEY_LENGTH} characters`);
  if (!KEY_CHARS.test(prefix)) throw invalidKey(prefix, "only letters, digits, /, !, _, ., ', (, ), = and - are allowed");
  for (const segment of prefix.split('/').slice(0, -1)) {
    const problem = segmentProblem(segment);
    if (problem) throw invalidKey(prefix, problem);
  }
}

/** Throws AppError 400 `BLOB_METADATA_INVALID` unless `metadata` fits S3 user metadata rules. */
export function assertValidBlobMetadata(metadata: Record<string, string>): void {
  let bytes = 0;
  for (const [name, value] of Object.entries(metadata)) {
    if (!METADATA_KEY.test(name)) {
      throw badRequest('BLOB_METADATA_INVALID', `Metadata name ${JSON.stringify(name)} must match [a-z0-9_-]{1,64}`);
    }
    if (typeof value !== 'string') throw badRequest('BLOB_METADATA_INVALID', `Metadata "${name}" must be a string`);
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  if (bytes > MAX_METADATA_BYTES) throw badRequest('BLOB_METADATA_INVALID', `Metadata exceeds ${MAX_METADATA_BYTES} bytes`);
}

/** Throws AppError 400 `BLOB_CONTENT_TYPE_INVALID` unless `contentType` is printable ASCII of 1 to 255 characters. */
export function assertValidContentType(contentType: string): void {
  if (typeof contentType !== 'string' || !/^[\x21-\x7e][\x20-\x7e]{0,254}$/.test(contentType)) {
    throw badRequest('BLOB_CONTENT_TYPE_INVALID', 'contentType must be 1 to 255 printable ASCII characters, e.g. "application/pdf"');
  }
}

/** The page size to use; AppError 400 `LIMIT_INVALID` outside 1..1000. */
export function blobListLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_BLOB_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BLOB_LIST_LIMIT) {
    throw badRequest('LIMIT_INVALID', `limit must be an integer from 1 to ${MAX_BLOB_LIST_LIMIT}`);
  }
  return limit;
}

/** Opaque listing cursor: the last key of the page, so the next page starts strictly after it. */
export function encodeBlobCursor(lastKey: string): string {
  return Buffer.from(`k:${lastKey}`, 'utf8').toString('base64url');
}

/** The last key a cursor stands for; AppError 400 `CURSOR_INVALID` for anything not made by `encodeBlobCursor`. */
export function decodeBlobCursor(cursor: string): string {
  const invalid = () => badRequest('CURSOR_INVALID', 'The cursor is not one this API returned');
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw invalid();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  // Re-encoding must give the same cursor: rejects non-canonical base64 and invalid UTF-8.
  if (!text.startsWith('k:') || encodeBlobCursor(text.slice(2)) !== cursor) throw invalid();
  const key = text.slice(2);
  try {
    assertValidBlobKey(key);
  } catch {
    throw invalid();
  }
  return key;
}
