import { createHash } from 'node:crypto';
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeBlobCursor } from '../../blobs/blob-validation.ts';
import { S3BlobStore } from './s3-blob-store.ts';

// s3rver lists in folder-walk order and cannot truncate a listing (the contract suite skips those
// tests there), so the ListObjectsV2 requests and the mapping of documented answers are checked here.
const s3 = mockClient(S3Client);
const client = new S3Client({ region: 'eu-west-3', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
afterEach(() => s3.reset());

describe('S3BlobStore requests', () => {
  it('lists a page with Prefix, MaxKeys and StartAfter, and continues after its last key while IsTruncated', async () => {
    // Shaped as the ListObjectsV2 API reference's sample response.
    s3.on(ListObjectsV2Command).resolves({
      IsTruncated: true,
      KeyCount: 2,
      MaxKeys: 2,
      Name: 'novaevo-documents',
      Prefix: 'kbis/',
      Contents: [
        { Key: 'kbis/org-1/extract.pdf', LastModified: new Date('2026-02-01T08:00:00.000Z'), ETag: '"599bab3ed2c697f1d26842727561fd94"', Size: 857, StorageClass: 'STANDARD' },
        { Key: 'kbis/org-2/extract.pdf', LastModified: new Date('2026-02-02T09:30:00.000Z'), ETag: '"9c8af9a76df052144598c115ef33e511"', Size: 233, StorageClass: 'STANDARD' },
      ],
    });
    const store = new S3BlobStore({ client, bucket: 'novaevo-documents' });
    const page = await store.list('kbis/', { limit: 2, cursor: encodeBlobCursor('kbis/org-0/extract.pdf') });
    expect(s3.commandCalls(ListObjectsV2Command)[0]!.args[0].input).toEqual({ Bucket: 'novaevo-documents', Prefix: 'kbis/', MaxKeys: 2, StartAfter: 'kbis/org-0/extract.pdf' });
    expect(page).toEqual({
      items: [
        { key: 'kbis/org-1/extract.pdf', size: 857, createdAt: new Date('2026-02-01T08:00:00.000Z') },
        { key: 'kbis/org-2/extract.pdf', size: 233, createdAt: new Date('2026-02-02T09:30:00.000Z') },
      ],
      nextCursor: encodeBlobCursor('kbis/org-2/extract.pdf'),
    });
  });

  it('gives no cursor on the last page, and lists the whole bucket without a Prefix', async () => {
    s3.on(ListObjectsV2Command).resolves({ IsTruncated: false, KeyCount: 0, Name: 'novaevo-documents', Prefix: '' });
    const store = new S3BlobStore({ client, bucket: 'novaevo-documents' });
    expect(await store.list('')).toEqual({ items: [] });
    expect(s3.commandCalls(ListObjectsV2Command)[0]!.args[0].input).toEqual({ Bucket: 'novaevo-documents', MaxKeys: 100 });
  });

  it('writes with SSE-KMS and the SHA-256 in metadata, then reads the date back from that very write', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"6805f2cfc46c0f04559748bb039d69ae"', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'arn:aws:kms:eu-west-3:123456789012:key/k' });
    s3.on(HeadObjectCommand).resolves({
      ContentLength: 4,
      ContentType: 'image/jpeg',
      LastModified: new Date('2026-02-01T08:00:00.000Z'),
      ETag: '"6805f2cfc46c0f04559748bb039d69ae"',
      Metadata: { 'novaevo.sha256': 'c0ffee', 'original-name': 'car.jpg' },
    });
    const store = new S3BlobStore({ client, bucket: 'novaevo-documents', encryption: { type: 'aws:kms', kmsKeyId: 'alias/novaevo' } });
    const info = await store.put('photos/car.jpg', new TextEncoder().encode('jpeg'), { contentType: 'image/jpeg', metadata: { 'original-name': 'car.jpg' } });
    const put = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(put).toMatchObject({
      Bucket: 'novaevo-documents',
      Key: 'photos/car.jpg',
      ContentType: 'image/jpeg',
      ContentLength: 4,
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'alias/novaevo',
      Metadata: { 'original-name': 'car.jpg', 'novaevo.sha256': createHash('sha256').update('jpeg').digest('hex') },
    });
    expect(s3.commandCalls(HeadObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'novaevo-documents', Key: 'photos/car.jpg', IfMatch: '"6805f2cfc46c0f04559748bb039d69ae"' });
    expect(info).toEqual({ key: 'photos/car.jpg', size: 4, contentType: 'image/jpeg', etag: 'c0ffee', createdAt: new Date('2026-02-01T08:00:00.000Z'), metadata: { 'original-name': 'car.jpg' } });
  });

  it('leaves encryption to the bucket when told, and answers undefined for a missing object (HeadObject 404 NotFound)', async () => {
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }));
    const store = new S3BlobStore({ client, bucket: 'b', encryption: { type: 'bucket-default' } });
    expect(await store.head('nope')).toBeUndefined();
    expect(await store.delete('nope')).toBe(false);
  });

  it('presigns a PUT that signs its Content-Type and carries no encryption header a browser would have to send', async () => {
    const store = new S3BlobStore({ client, bucket: 'novaevo-documents' });
    const url = new URL(await store.signedUrl('uploads/new.pdf', { method: 'PUT', expiresInSeconds: 60, contentType: 'application/pdf' }));
    expect(url.pathname).toBe('/uploads/new.pdf');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^x\/\d{8}\/eu-west-3\/s3\/aws4_request$/);
  });
});
