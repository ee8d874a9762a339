import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  assertValidBlobKey,
  assertValidBlobMetadata,
  assertValidBlobPrefix,
  assertValidContentType,
  blobListLimit,
  decodeBlobCursor,
  encodeBlobCursor,
} from '../../blobs/blob-validation.ts';
import { MAX_SIGNED_URL_SECONDS } from '../../blobs/signed-url.ts';
import { badRequest } from '../../errors.ts';
import type { BlobInfo, BlobListOptions, BlobListPage, BlobPutOptions, BlobStore, SignedUrlOptions } from '../../ports/blob-store.ts';

/** How S3 encrypts the objects at rest. */
export type S3Encryption = { type: 'aws:kms'; kmsKeyId?: string } | { type: 'AES256' } | { type: 'bucket-default' };

export interface S3BlobStoreOptions {
  client: S3Client;
  /** e.g. env DOCUMENTS_BUCKET or FIRMWARE_BUCKET. */
  bucket: string;
  /** Default `aws:kms` with the bucket's key (the stack's buckets enforce KMS). */
  encryption?: S3Encryption;
}

// The port's metadata names are `[a-z0-9_-]`, so a dotted name can never meet one of them.
const SHA256_METADATA = 'novaevo.sha256';

/**
 * The blob store port on one S3 bucket. S3 gives what the port asks: atomic replacement, listings
 * in UTF-8 byte order, user metadata with lowercase names, and presigned URLs (SigV4) for GET and
 * PUT. The SHA-256 `etag` travels as object metadata, written by `put`; an object uploaded
 * through a presigned PUT has none, so its hash is computed from its bytes when it is read.
 * `createdAt` is S3's LastModified (whole seconds): the one date a listing also carries.
 */
export class S3BlobStore implements BlobStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #encryption: { ServerSideEncryption?: ServerSideEncryption; SSEKMSKeyId?: string };

  constructor(options: S3BlobStoreOptions) {
    this.#client = options.client;
    this.#bucket = options.bucket;
    const encryption = options.encryption ?? { type: 'aws:kms' };
    this.#encryption =
      encryption.type === 'bucket-default'
        ? {}
        : encryption.type === 'AES256'
          ? { ServerSideEncryption: 'AES256' }
          : { ServerSideEncryption: 'aws:kms', ...(encryption.kmsKeyId ? { SSEKMSKeyId: encryption.kmsKeyId } : {}) };
  }

  async put(key: string, body: Uint8Array, options: BlobPutOptions): Promise<BlobInfo> {
    assertValidBlobKey(key);
    assertValidContentType(options.contentType);
    const metadata = { ...options.metadata };
    assertValidBlobMetadata(metadata);
    const etag = sha256(body);
    const written = await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        Body: body,
        ContentType: options.contentType,
        ContentLength: body.byteLength,
        Metadata: { ...metadata, [SHA256_METADATA]: etag },
        ...this.#encryption,
      }),
    );
    // PutObject answers no LastModified: read it back from this very write (IfMatch on its ETag).
    const stored = await this.#head(key, written.ETag);
    return stored ?? { key, size: body.byteLength, contentType: options.contentType, etag, createdAt: wholeSeconds(new Date()), metadata };
  }

  async get(key: string): Promise<{ body: Uint8Array; info: BlobInfo } | undefined> {
    assertValidBlobKey(key);
    try {
      const object = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      const body = (await object.Body?.transformToByteArray()) ?? new Uint8Array(0);
      return { body, info: toInfo(key, object, body) };
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    assertValidBlobKey(key);
    return this.#head(key);
  }

  /** S3's DeleteObject says nothing about whether there was an object: a HeadObject first tells. */
  async delete(key: string): Promise<boolean> {
    assertValidBlobKey(key);
    if (!(await this.#head(key))) return false;
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
    return true;
  }

  async list(prefix: string, options: BlobListOptions = {}): Promise<BlobListPage> {
    if (prefix !== '') assertValidBlobPrefix(prefix);
    const limit = blobListLimit(options.limit);
    const after = options.cursor === undefined ? undefined : decodeBlobCursor(options.cursor);
    const page = await this.#client.send(
      new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix || undefined, MaxKeys: limit, StartAfter: after }),
    );
    const items = (page.Contents ?? []).map((o) => ({ key: o.Key!, size: o.Size ?? 0, createdAt: o.LastModified ?? new Date(0) }));
    const last = items.at(-1);
    return page.IsTruncated && last ? { items, nextCursor: encodeBlobCursor(last.key) } : { items };
  }

  /**
   * A presigned S3 URL (SigV4, signed by the function's role: the role must be allowed the
   * operation, and the URL dies with the role's session). A PUT URL signs its Content-Type, so the
   * upload must carry exactly that one.
   */
  async signedUrl(key: string, options: SignedUrlOptions): Promise<string> {
    assertValidBlobKey(key);
    const seconds = options.expiresInSeconds;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SIGNED_URL_SECONDS) {
      throw badRequest('BLOB_URL_EXPIRY_INVALID', `expiresInSeconds must be an integer from 1 to ${MAX_SIGNED_URL_SECONDS}`);
    }
    const command =
      options.method === 'GET'
        ? new GetObjectCommand({ Bucket: this.#bucket, Key: key })
        : new PutObjectCommand({ Bucket: this.#bucket, Key: key, ContentType: options.contentType });
    return getSignedUrl(this.#client, command, { expiresIn: seconds, signableHeaders: new Set(options.contentType ? ['content-type'] : []) });
  }

  async #head(key: string, ifMatch?: string): Promise<BlobInfo | undefined> {
    try {
      const object = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key, IfMatch: ifMatch }));
      if (object.Metadata?.[SHA256_METADATA]) return toInfo(key, object);
      // Uploaded through a presigned URL: no hash recorded, so read the bytes once.
      return (await this.get(key))?.info;
    } catch (err) {
      if (isMissing(err) || (ifMatch && isPreconditionFailed(err))) return undefined;
      throw err;
    }
  }
}

interface ObjectHeaders {
  ContentLength?: number;
  ContentType?: string;
  LastModified?: Date;
  Metadata?: Record<string, string>;
}

function toInfo(key: string, object: ObjectHeaders, body?: Uint8Array): BlobInfo {
  const { [SHA256_METADATA]: recorded, ...metadata } = object.Metadata ?? {};
  return {
    key,
    size: object.ContentLength ?? body?.byteLength ?? 0,
    contentType: object.ContentType ?? 'application/octet-stream',
    etag: recorded ?? sha256(body ?? new Uint8Array(0)),
    createdAt: object.LastModified ?? new Date(0),
    metadata,
  };
}

const sha256 = (body: Uint8Array) => createHash('sha256').update(body).digest('hex');
const wholeSeconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

function isMissing(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound';
}

function isPreconditionFailed(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return e?.name === 'PreconditionFailed' || e?.$metadata?.httpStatusCode === 412;
}
