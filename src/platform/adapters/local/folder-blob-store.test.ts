import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { openFolderBlobStore, type FolderBlobStoreOptions } from './folder-blob-store.ts';
import { loadOrCreateSecretFile } from './secret-file.ts';

let root: string;
let settings: FolderBlobStoreOptions;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'novaevo-folder-blobs-'));
  settings = { root, encryptionKey: randomBytes(32), signing: { baseUrl: 'http://localhost/v1/blobs', secret: randomBytes(32) }, clock: new ManualClock() };
});
afterEach(() => rm(root, { recursive: true, force: true }));

const objectFile = (key: string) => path.join(root, 'objects', ...key.split('/')) + '~blob';
const integrityFailure = { status: 500, code: 'BLOB_INTEGRITY_FAILED' };

async function flipByte(file: string, offsetFromEnd: number): Promise<void> {
  const bytes = await readFile(file);
  const at = bytes.length - offsetFromEnd;
  bytes[at] = bytes[at]! ^ 0x01;
  await writeFile(file, bytes);
}

describe('folder blob store at rest', () => {
  it('never writes the body, its metadata or its content type in clear', async () => {
    const store = await openFolderBlobStore(settings);
    await store.put('cg/AB-123-CD.txt', Buffer.from('IMMATRICULATION AB-123-CD'), { contentType: 'text/x-carte-grise', metadata: { owner: 'jeanne-dupont' } });
    const file = (await readFile(objectFile('cg/AB-123-CD.txt'))).toString('latin1');
    for (const secret of ['IMMATRICULATION', 'carte-grise', 'jeanne-dupont']) expect(file).not.toContain(secret);
    expect((await stat(objectFile('cg/AB-123-CD.txt'))).mode & 0o077).toBe(0);
  });

  it('refuses to return a body that was altered on disk', async () => {
    const store = await openFolderBlobStore(settings);
    await store.put('doc', Buffer.from('original content'), { contentType: 'text/plain' });
    await flipByte(objectFile('doc'), 1);
    await expect(store.get('doc')).rejects.toMatchObject(integrityFailure);
    await expect(store.get('doc')).rejects.toThrow(/Blob "doc" failed its integrity check/);
  });

  it('refuses an altered or truncated header on head, get and list', async () => {
    const store = await openFolderBlobStore(settings);
    await store.put('doc', Buffer.from('content'), { contentType: 'text/plain' });
    const bytes = await readFile(objectFile('doc'));
    bytes[40] = bytes[40]! ^ 0x80;
    await writeFile(objectFile('doc'), bytes);
    await expect(store.head('doc')).rejects.toMatchObject(integrityFailure);
    await expect(store.list('')).rejects.toMatchObject(integrityFailure);
    await writeFile(objectFile('doc'), bytes.subarray(0, 6));
    await expect(store.get('doc')).rejects.toMatchObject(integrityFailure);
  });

  it('refuses a file copied under another key or read with another encryption key', async () => {
    const store = await openFolderBlobStore(settings);
    await store.put('org-a/kbis.pdf', Buffer.from('A'), { contentType: 'application/pdf' });
    await mkdir(path.dirname(objectFile('org-b/kbis.pdf')), { recursive: true });
    await copyFile(objectFile('org-a/kbis.pdf'), objectFile('org-b/kbis.pdf'));
    await expect(store.get('org-b/kbis.pdf')).rejects.toMatchObject(integrityFailure);
    const otherKey = await openFolderBlobStore({ ...settings, encryptionKey: randomBytes(32) });
    await expect(otherKey.get('org-a/kbis.pdf')).rejects.toMatchObject(integrityFailure);
  });

  it('clears writes a crash left half done, and leaves no temporary file behind', async () => {
    const store = await openFolderBlobStore(settings);
    await store.put('a/b', Buffer.from('x'), { contentType: 'text/plain' });
    await store.delete('a/b');
    expect(await readdir(path.join(root, 'objects'))).toEqual([]);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    await writeFile(path.join(root, 'tmp', 'half-written'), 'partial');
    await openFolderBlobStore(settings);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
  });

  it('requires a 32-byte encryption key', async () => {
    await expect(openFolderBlobStore({ ...settings, encryptionKey: randomBytes(16) })).rejects.toThrow(/32 bytes/);
  });
});

describe('secret files', () => {
  it('create a random secret once and give the same one back afterwards', async () => {
    const file = path.join(root, 'keys', 'blob.key');
    const first = await loadOrCreateSecretFile(file);
    expect(first.length).toBe(32);
    expect((await loadOrCreateSecretFile(file)).equals(first)).toBe(true);
    expect((await stat(file)).mode & 0o077).toBe(0);
  });

  it('refuse a secret file of the wrong length instead of replacing it', async () => {
    const file = path.join(root, 'short.key');
    await writeFile(file, 'abc');
    await expect(loadOrCreateSecretFile(file)).rejects.toThrow(/holds 3 bytes, expected 32/);
  });
});
