import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../clock.ts';
import { newId } from '../../ids.ts';
import {
  assertValidBlobKey,
  assertValidBlobMetadata,
  assertValidBlobPrefix,
  assertValidContentType,
  blobListLimit,
  decodeBlobCursor,
  encodeBlobCursor,
} from '../../blobs/blob-validation.ts';
import { signBlobUrl, type BlobUrlSigning } from '../../blobs/signed-url.ts';
import type { BlobInfo, BlobListItem, BlobListOptions, BlobListPage, BlobPutOptions, BlobStore, SignedUrlOptions } from '../../ports/blob-store.ts';
import { assertBlobEncryptionKey, openBlobFile, readBlobFileHeader, sealBlobFile, type BlobFileHeader } from './encrypted-blob-file.ts';

/** Settings of the folder blob store. */
export interface FolderBlobStoreOptions {
  /** Folder owned by this store (and by one process at a time), e.g. `<data dir>/blobs`. */
  root: string;
  /** 32-byte AES-256 key: every file is encrypted at rest with it. */
  encryptionKey: Uint8Array;
  /** Signs the URLs `signedUrl` returns (served by the HTTP blob route). */
  signing: BlobUrlSigning;
  clock: Clock;
}

// `~` never appears in a key, so a file name can never collide with a folder made for a longer key
// (key `a` is the file `a~blob`, keys `a/...` live under the folder `a`).
const FILE_SUFFIX = '~blob';

const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

/**
 * Opens a `BlobStore` over a local folder: `<root>/objects/<key>~blob` holds each object,
 * encrypted with AES-256-GCM; `<root>/tmp` holds writes in progress (cleared at open, since a
 * crash can leave one behind).
 */
export async function openFolderBlobStore(options: FolderBlobStoreOptions): Promise<BlobStore> {
  assertBlobEncryptionKey(options.encryptionKey);
  const objectsDir = path.join(options.root, 'objects');
  const tmpDir = path.join(options.root, 'tmp');
  await rm(tmpDir, { recursive: true, force: true });
  await mkdir(tmpDir, { recursive: true });
  await mkdir(objectsDir, { recursive: true });
  return new FolderBlobStore(options, objectsDir, tmpDir);
}

function toInfo(key: string, header: BlobFileHeader): BlobInfo {
  return { key, ...header, createdAt: new Date(header.createdAt), metadata: { ...header.metadata } };
}

class FolderBlobStore implements BlobStore {
  readonly #encryptionKey: Buffer;
  readonly #signing: BlobUrlSigning;
  readonly #clock: Clock;
  readonly #objectsDir: string;
  readonly #tmpDir: string;

  constructor(options: FolderBlobStoreOptions, objectsDir: string, tmpDir: string) {
    this.#encryptionKey = Buffer.from(options.encryptionKey);
    this.#signing = options.signing;
    this.#clock = options.clock;
    this.#objectsDir = objectsDir;
    this.#tmpDir = tmpDir;
  }

  async put(key: string, body: Uint8Array, options: BlobPutOptions): Promise<BlobInfo> {
    assertValidBlobKey(key);
    assertValidContentType(options.contentType);
    const metadata = { ...options.metadata };
    assertValidBlobMetadata(metadata);
    const header: BlobFileHeader = {
      contentType: options.contentType,
      size: body.byteLength,
      etag: createHash('sha256').update(body).digest('hex'),
      createdAt: this.#clock.now().toISOString(),
      metadata,
    };
    await this.#writeAtomically(this.#filePath(key), sealBlobFile(this.#encryptionKey, key, header, body));
    return toInfo(key, header);
  }

  async get(key: string): Promise<{ body: Uint8Array; info: BlobInfo } | undefined> {
    assertValidBlobKey(key);
    let file: Buffer;
    try {
      file = await readFile(this.#filePath(key));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    const { header, body } = openBlobFile(this.#encryptionKey, key, file);
    return { body, info: toInfo(key, header) };
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    assertValidBlobKey(key);
    const header = await this.#readHeader(key);
    return header && toInfo(key, header);
  }

  async delete(key: string): Promise<boolean> {
    assertValidBlobKey(key);
    try {
      await unlink(this.#filePath(key));
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    await this.#pruneEmptyFolders(path.dirname(this.#filePath(key)));
    return true;
  }

  async list(prefix: string, options: BlobListOptions = {}): Promise<BlobListPage> {
    assertValidBlobPrefix(prefix);
    const limit = blobListLimit(options.limit);
    const after = options.cursor === undefined ? undefined : decodeBlobCursor(options.cursor);
    const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const keys = (await this.#keysUnder(folder, prefix, after)).sort(compareKeys);
    const items: BlobListItem[] = [];
    let index = 0;
    for (; index < keys.length && items.length < limit; index++) {
      const key = keys[index]!;
      const header = await this.#readHeader(key);
      // Deleted since the folder was read: not part of the page.
      if (header) items.push({ key, size: header.size, createdAt: new Date(header.createdAt) });
    }
    const last = items.at(-1);
    return index < keys.length && last ? { items, nextCursor: encodeBlobCursor(last.key) } : { items };
  }

  async signedUrl(key: string, options: SignedUrlOptions): Promise<string> {
    return signBlobUrl(this.#signing, { key, ...options }, this.#clock.now());
  }

  #filePath(key: string): string {
    return path.join(this.#objectsDir, ...key.split('/')) + FILE_SUFFIX;
  }

  async #readHeader(key: string): Promise<BlobFileHeader | undefined> {
    let file: FileHandle;
    try {
      file = await open(this.#filePath(key), 'r');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    try {
      return await readBlobFileHeader(this.#encryptionKey, key, file);
    } finally {
      await file.close();
    }
  }

  /** Temp file, fsync, rename, fsync of the folder: a crash leaves the old object or the new one. */
  async #writeAtomically(target: string, bytes: Buffer): Promise<void> {
    const tmp = path.join(this.#tmpDir, newId());
    try {
      const file = await open(tmp, 'wx', 0o600);
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      // A concurrent delete may prune the folder between mkdir and rename: make it again once.
      for (let attempt = 1; ; attempt++) {
        await mkdir(path.dirname(target), { recursive: true });
        try {
          await rename(tmp, target);
          break;
        } catch (error) {
          if (attempt >= 3 || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
      await syncFolder(path.dirname(target));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async #pruneEmptyFolders(folder: string): Promise<void> {
    for (let current = folder; current.startsWith(this.#objectsDir + path.sep); current = path.dirname(current)) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty (or already gone): its parents are not empty either
      }
    }
  }

  /** Every key under `folder` (a key prefix ending in `/`, or `''`) that starts with `prefix` and sorts after `after`. */
  async #keysUnder(folder: string, prefix: string, after: string | undefined): Promise<string[]> {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(this.#objectsDir, ...folder.split('/').filter(Boolean)), { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      if (entry.isFile() && entry.name.endsWith(FILE_SUFFIX)) {
        const key = folder + entry.name.slice(0, -FILE_SUFFIX.length);
        if (key.startsWith(prefix) && (after === undefined || compareKeys(key, after) > 0)) keys.push(key);
      } else if (entry.isDirectory()) {
        const subfolder = `${folder}${entry.name}/`;
        const couldMatch = subfolder.startsWith(prefix) || prefix.startsWith(subfolder);
        // Every key below sorts before `after` when `after` is past the folder and not inside it.
        const allBeforeCursor = after !== undefined && compareKeys(subfolder, after) < 0 && !after.startsWith(subfolder);
        if (couldMatch && !allBeforeCursor) keys.push(...(await this.#keysUnder(subfolder, prefix, after)));
      }
    }
    return keys;
  }
}

/** Keys are ASCII, so UTF-16 order is byte order: the order S3 lists in. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
