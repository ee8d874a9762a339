import { describeEachAdapter } from '../../../test/support/adapter-suites.ts';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { presignedSignatureMatches, ProcessDateClock, startS3rverBucket } from '../../../test/support/aws-emulators.ts';
import { S3BlobStore } from '../adapters/aws/s3-blob-store.ts';
import { openFolderBlobStore } from '../adapters/local/folder-blob-store.ts';
import { verifyBlobUrl } from '../blobs/signed-url.ts';
import { ManualClock } from '../clock.ts';
import type { BlobListItem, BlobStore } from './blob-store.ts';

/** A store under test, the clock it runs on, and how to check the URLs it signs. */
interface OpenedBlobStore {
  store: BlobStore;
  clock: ManualClock;
  /** Opens a second store on the same data, as a restarted process would. */
  reopen(): Promise<BlobStore>;
  /** Would the adapter's URL server let `method` through on `url` right now? */
  checkSignedUrl(url: string, method: 'GET' | 'PUT', contentType?: string): Promise<'ok' | 'URL_EXPIRED' | 'SIGNATURE_INVALID'>;
  /** How long after its expiry instant a URL still passes: 0 here, 1 ms on s3rver (it refuses only after the instant). */
  expiryGraceMs: number;
  /** Asserts that `createdAt` is how this adapter dates an object written when the clock read `clockAtWrite`. */
  expectCreatedAt(createdAt: Date, clockAtWrite: Date): void;
  dispose(): Promise<void>;
}

interface BlobAdapterUnderTest {
  name: string;
  /** Why readers may see a write in progress on this subject, when they may: that test is reported as skipped. */
  nonAtomicWrites?: string;
  /** Why this subject's listings cannot be checked, when they cannot: those tests are reported as skipped. */
  noListingOrder?: string;
  open(): Promise<OpenedBlobStore>;
}

const adapters: BlobAdapterUnderTest[] = [
  {
    name: 'local folder',
    async open() {
      const root = await mkdtemp(path.join(os.tmpdir(), 'novaevo-blobs-'));
      const clock = new ManualClock('2026-02-01T08:00:00.000Z');
      const settings = { root, encryptionKey: randomBytes(32), signing: { baseUrl: 'http://127.0.0.1:3000/v1/blobs', secret: randomBytes(32) }, clock };
      const base = new URL(settings.signing.baseUrl).pathname;
      return {
        store: await openFolderBlobStore(settings),
        clock,
        reopen: () => openFolderBlobStore(settings),
        expiryGraceMs: 0,
        expectCreatedAt: (createdAt, clockAtWrite) => expect(createdAt).toEqual(clockAtWrite),
        async checkSignedUrl(url, method, contentType) {
          const parsed = new URL(url);
          const key = parsed.pathname.slice(base.length + 1).split('/').map(decodeURIComponent).join('/');
          const verdict = verifyBlobUrl({ secret: settings.signing.secret, key, method, query: parsed.searchParams, now: clock.now(), contentType });
          return verdict.ok ? 'ok' : (verdict.error.code as 'URL_EXPIRED' | 'SIGNATURE_INVALID');
        },
        dispose: () => rm(root, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 's3 on s3rver',
    nonAtomicWrites: 's3rver writes an object file in place; S3 replaces objects atomically',
    noListingOrder:
      "s3rver lists in its folder-walk order, not S3's byte order, and answers 500 to a truncated ListObjectsV2; s3-blob-store.test.ts checks those requests",
    async open() {
      const s3 = await startS3rverBucket();
      const openedAt = realNow();
      // s3rver checks URL expiry by the process's Date, which this clock drives (it dates objects by their files' times).
      const clock = new ProcessDateClock('2026-02-01T08:00:00.000Z');
      const make = () => new S3BlobStore({ client: s3.client, bucket: s3.bucket, encryption: { type: 'aws:kms', kmsKeyId: 'alias/novaevo-documents' } });
      return {
        store: make(),
        clock,
        async reopen() {
          await s3.restart();
          return make();
        },
        expiryGraceMs: 1,
        // S3 dates an object by its own clock (LastModified, whole seconds), not the caller's.
        expectCreatedAt(createdAt) {
          expect(createdAt.getTime() % 1000).toBe(0);
          expect(createdAt.getTime()).toBeGreaterThanOrEqual(openedAt - (openedAt % 1000));
          expect(createdAt.getTime()).toBeLessThanOrEqual(realNow());
        },
        // s3rver leaves SigV4 signatures unchecked, so the signature is checked here as S3 would;
        // then the URL goes to s3rver as a browser would send it, which checks expiry and serves it.
        async checkSignedUrl(url, method, contentType) {
          if (!(await presignedSignatureMatches(url, method, contentType))) return 'SIGNATURE_INVALID';
          const response = await fetch(url, { method, headers: contentType ? { 'content-type': contentType } : {}, body: method === 'PUT' ? 'upload' : undefined });
          const answer = await response.text();
          if (response.ok) return 'ok';
          if (answer.includes('<Code>AccessDenied</Code>') && answer.includes('Request has expired')) return 'URL_EXPIRED';
          throw new Error(`s3rver answered ${response.status}: ${answer}`);
        },
        async dispose() {
          clock.restore();
          await s3.dispose();
        },
      };
    },
  },
];

/** Wall-clock time even while a ProcessDateClock sets Date (s3rver dates files by the OS clock). */
const realNow = () => Math.floor(performance.timeOrigin + performance.now());
const text = (value: string) => new TextEncoder().encode(value);
const sha256 = (body: Uint8Array) => createHash('sha256').update(body).digest('hex');

async function listAll(store: BlobStore, prefix: string, limit: number): Promise<BlobListItem[]> {
  const items: BlobListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(prefix, { limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describeEachAdapter('BlobStore contract', adapters, (adapter) => {
  let t: OpenedBlobStore;
  beforeEach(async () => {
    t = await adapter.open();
  });
  afterEach(() => t.dispose());

  it('stores an object and gives back its bytes and info', async () => {
    const body = text('%PDF-1.7 extrait Kbis');
    const info = await t.store.put('kbis/org-1/extract.pdf', body, { contentType: 'application/pdf', metadata: { 'original-name': 'kbis.pdf' } });
    const expected = {
      key: 'kbis/org-1/extract.pdf',
      size: body.byteLength,
      contentType: 'application/pdf',
      etag: sha256(body),
      createdAt: info.createdAt,
      metadata: { 'original-name': 'kbis.pdf' },
    };
    expect(info).toEqual(expected);
    t.expectCreatedAt(info.createdAt, new Date('2026-02-01T08:00:00.000Z'));
    expect(await t.store.head('kbis/org-1/extract.pdf')).toEqual(expected);
    const got = await t.store.get('kbis/org-1/extract.pdf');
    expect(Buffer.from(got!.body).equals(Buffer.from(body))).toBe(true);
    expect(got!.info).toEqual(expected);
  });

  it('replaces an object written again under the same key', async () => {
    await t.store.put('doc', text('v1'), { contentType: 'text/plain', metadata: { version: '1' } });
    t.clock.advance(60_000);
    await t.store.put('doc', text('version two'), { contentType: 'text/markdown' });
    const got = await t.store.get('doc');
    expect(Buffer.from(got!.body).toString()).toBe('version two');
    expect(got!.info).toMatchObject({ contentType: 'text/markdown', size: 11, metadata: {} });
    t.expectCreatedAt(got!.info.createdAt, new Date('2026-02-01T08:01:00.000Z'));
  });

  it('keeps binary and empty bodies byte for byte', async () => {
    const binary = randomBytes(70_000);
    await t.store.put('ecu/flash.bin', binary, { contentType: 'application/octet-stream' });
    await t.store.put('empty', new Uint8Array(0), { contentType: 'application/octet-stream' });
    expect(Buffer.from((await t.store.get('ecu/flash.bin'))!.body).equals(binary)).toBe(true);
    expect((await t.store.get('empty'))!.body.byteLength).toBe(0);
    expect((await t.store.head('empty'))!.etag).toBe(sha256(new Uint8Array(0)));
  });

  it('answers undefined or false for a missing object, and forgets a deleted one', async () => {
    expect(await t.store.get('nope')).toBeUndefined();
    expect(await t.store.head('nope/deeper')).toBeUndefined();
    expect(await t.store.delete('nope')).toBe(false);
    await t.store.put('a/b/c', text('x'), { contentType: 'text/plain' });
    expect(await t.store.delete('a/b/c')).toBe(true);
    expect(await t.store.get('a/b/c')).toBeUndefined();
    expect(await t.store.delete('a/b/c')).toBe(false);
    expect((await t.store.list('')).items).toEqual([]);
  });

  it('holds a key and longer keys under it side by side', async () => {
    await t.store.put('a', text('parent'), { contentType: 'text/plain' });
    await t.store.put('a/b', text('child'), { contentType: 'text/plain' });
    expect(Buffer.from((await t.store.get('a'))!.body).toString()).toBe('parent');
    expect(Buffer.from((await t.store.get('a/b'))!.body).toString()).toBe('child');
    await t.store.delete('a/b');
    expect(await t.store.head('a')).toBeDefined();
  });

  it.each(['../escape', '/etc/passwd', 'a/../../b', 'a\u0000b', 'a//b', '', 'x'.repeat(1025)])(
    'rejects the key %j with 400 BLOB_KEY_INVALID on every operation',
    async (key) => {
      const invalid = { status: 400, code: 'BLOB_KEY_INVALID' };
      await expect(t.store.put(key, text('x'), { contentType: 'text/plain' })).rejects.toMatchObject(invalid);
      await expect(t.store.get(key)).rejects.toMatchObject(invalid);
      await expect(t.store.head(key)).rejects.toMatchObject(invalid);
      await expect(t.store.delete(key)).rejects.toMatchObject(invalid);
      await expect(t.store.signedUrl(key, { method: 'GET', expiresInSeconds: 60 })).rejects.toMatchObject(invalid);
    },
  );

  it('rejects bad metadata, content types, page sizes and cursors with a 400', async () => {
    await expect(t.store.put('k', text('x'), { contentType: 'text/plain', metadata: { 'Bad Name': 'x' } })).rejects.toMatchObject({ status: 400, code: 'BLOB_METADATA_INVALID' });
    await expect(t.store.put('k', text('x'), { contentType: '' })).rejects.toMatchObject({ status: 400, code: 'BLOB_CONTENT_TYPE_INVALID' });
    await expect(t.store.list('', { limit: 0 })).rejects.toMatchObject({ status: 400, code: 'LIMIT_INVALID' });
    await expect(t.store.list('', { cursor: 'not-a-cursor!' })).rejects.toMatchObject({ status: 400, code: 'CURSOR_INVALID' });
    await expect(t.store.list('../')).rejects.toMatchObject({ status: 400, code: 'BLOB_KEY_INVALID' });
    expect(await t.store.head('k')).toBeUndefined();
  });

  const itLists = adapter.noListingOrder ? it.skip : it;
  const listingNote = adapter.noListingOrder ? ` (skipped: ${adapter.noListingOrder})` : '';

  itLists(`lists keys under a prefix in byte order, page by page${listingNote}`, async () => {
    const keys = ['a.c', 'a/b', 'a/c/d', 'a-b', 'ab', 'b', 'docs/ke', 'docs/keys/1', 'docs/kbis/1'];
    for (const key of keys) await t.store.put(key, text(key), { contentType: 'text/plain' });
    const all = await listAll(t.store, '', 2);
    expect(all.map((i) => i.key)).toEqual([...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    expect(all[0]).toEqual({ key: 'a-b', size: 3, createdAt: (await t.store.head('a-b'))!.createdAt });
    t.expectCreatedAt(all[0]!.createdAt, new Date('2026-02-01T08:00:00.000Z'));
    expect((await listAll(t.store, 'a/', 1)).map((i) => i.key)).toEqual(['a/b', 'a/c/d']);
    expect((await listAll(t.store, 'docs/ke', 5)).map((i) => i.key)).toEqual(['docs/ke', 'docs/keys/1']);
    expect((await t.store.list('zzz')).items).toEqual([]);
    const firstPage = await t.store.list('', { limit: keys.length });
    expect(firstPage.nextCursor).toBeUndefined();
  });

  itLists(`pages through any set of keys without losing or repeating one${listingNote}`, async () => {
    const segment = fc.constantFrom('a', 'b', 'a.b', 'a-b', 'z', '0');
    const key = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(key, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 5 }), async (keys, limit) => {
        const prefix = `run${run++}/`;
        for (const k of keys) await t.store.put(prefix + k, text(k), { contentType: 'text/plain' });
        const listed = await listAll(t.store, prefix, limit);
        expect(listed.map((i) => i.key.slice(prefix.length))).toEqual(keys.sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
      }),
      { numRuns: 15 },
    );
  });

  it('keeps objects across a restart', async () => {
    await t.store.put('persist/me', text('still here'), { contentType: 'text/plain' });
    const reopened = await t.reopen();
    expect(Buffer.from((await reopened.get('persist/me'))!.body).toString()).toBe('still here');
  });

  (adapter.nonAtomicWrites ? it.skip : it)(`never shows a reader part of a write${adapter.nonAtomicWrites ? ` (skipped: ${adapter.nonAtomicWrites})` : ''}`, async () => {
    const versions = Array.from({ length: 6 }, (_, i) => Buffer.alloc(200_000 + i, i + 1));
    await t.store.put('busy', versions[0]!, { contentType: 'application/octet-stream' });
    const reads: Promise<{ body: Uint8Array } | undefined>[] = [];
    const writes = versions.map(async (body) => {
      reads.push(t.store.get('busy'));
      await t.store.put('busy', body, { contentType: 'application/octet-stream' });
    });
    await Promise.all(writes);
    for (const read of await Promise.all(reads)) {
      const body = Buffer.from(read!.body);
      expect(versions.some((v) => v.equals(body))).toBe(true);
    }
  });

  it('signs URLs that grant one method on one key until they expire', async () => {
    await t.store.put('photos/car.jpg', text('jpeg'), { contentType: 'image/jpeg' });
    const getUrl = await t.store.signedUrl('photos/car.jpg', { method: 'GET', expiresInSeconds: 300 });
    const putUrl = await t.store.signedUrl('uploads/new.pdf', { method: 'PUT', expiresInSeconds: 60, contentType: 'application/pdf' });
    expect(await t.checkSignedUrl(getUrl, 'GET')).toBe('ok');
    expect(await t.checkSignedUrl(getUrl, 'PUT')).toBe('SIGNATURE_INVALID');
    expect(await t.checkSignedUrl(putUrl, 'PUT', 'application/pdf')).toBe('ok');
    expect(await t.checkSignedUrl(putUrl, 'PUT', 'text/html')).toBe('SIGNATURE_INVALID');
    expect(await t.checkSignedUrl(getUrl.replace('car.jpg', 'other.jpg'), 'GET')).toBe('SIGNATURE_INVALID');
    t.clock.advance(300_000 - 1);
    expect(await t.checkSignedUrl(getUrl, 'GET')).toBe('ok');
    t.clock.advance(1 + t.expiryGraceMs);
    expect(await t.checkSignedUrl(getUrl, 'GET')).toBe('URL_EXPIRED');
    await expect(t.store.signedUrl('photos/car.jpg', { method: 'GET', expiresInSeconds: 0 })).rejects.toMatchObject({ status: 400, code: 'BLOB_URL_EXPIRY_INVALID' });
  });
});
