import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { AppError } from '../../errors.ts';

/** What a blob file says about its body (stored encrypted, like the body). */
export interface BlobFileHeader {
  contentType: string;
  size: number;
  etag: string;
  /** ISO 8601. */
  createdAt: string;
  metadata: Record<string, string>;
}

// File layout: MAGIC | u32 BE length of the header section | header section | body section,
// where a section is IV (12) | GCM tag (16) | AES-256-GCM ciphertext. The header is sealed apart
// so `head` and `list` read a few hundred bytes instead of the whole body.
const MAGIC = Buffer.from('NVB1', 'ascii');
const PREFIX_LENGTH = MAGIC.length + 4;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const MAX_HEADER_SECTION = 64 * 1024;

/** Checks an encryption key once, where it is configured. */
export function assertBlobEncryptionKey(encryptionKey: Uint8Array): void {
  if (encryptionKey.length !== 32) throw new Error('The blob encryption key must be exactly 32 bytes (AES-256)');
}

function integrityError(key: string, cause?: unknown): AppError {
  return new AppError(500, 'BLOB_INTEGRITY_FAILED', `Blob "${key}" failed its integrity check: its file was altered, truncated or encrypted with another key`, {
    cause,
  });
}

// Additional authenticated data binds each section to its key (a file copied under another key
// fails) and the body to its header (a body from another version of the same key fails).
function headerAad(key: string): Buffer {
  return Buffer.from(`NVB1\0header\0${key}`, 'utf8');
}
function bodyAad(key: string, headerIv: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`NVB1\0body\0${key}\0`, 'utf8'), headerIv]);
}

function seal(encryptionKey: Uint8Array, aad: Buffer, plaintext: Uint8Array): Buffer {
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

function open(encryptionKey: Uint8Array, aad: Buffer, section: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey, section.subarray(0, IV_LENGTH)).setAAD(aad);
  decipher.setAuthTag(section.subarray(IV_LENGTH, IV_LENGTH + TAG_LENGTH));
  return Buffer.concat([decipher.update(section.subarray(IV_LENGTH + TAG_LENGTH)), decipher.final()]);
}

/** The bytes of a blob file for `key`: header and body, each encrypted and authenticated. */
export function sealBlobFile(encryptionKey: Uint8Array, key: string, header: BlobFileHeader, body: Uint8Array): Buffer {
  const headerSection = seal(encryptionKey, headerAad(key), Buffer.from(JSON.stringify(header), 'utf8'));
  const bodySection = seal(encryptionKey, bodyAad(key, headerSection.subarray(0, IV_LENGTH)), body);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerSection.length);
  return Buffer.concat([MAGIC, length, headerSection, bodySection]);
}

function headerSectionLength(key: string, prefix: Buffer): number {
  if (prefix.length < PREFIX_LENGTH || !prefix.subarray(0, MAGIC.length).equals(MAGIC)) throw integrityError(key);
  const length = prefix.readUInt32BE(MAGIC.length);
  if (length < IV_LENGTH + TAG_LENGTH || length > MAX_HEADER_SECTION) throw integrityError(key);
  return length;
}

function openHeader(encryptionKey: Uint8Array, key: string, section: Buffer): BlobFileHeader {
  try {
    return JSON.parse(open(encryptionKey, headerAad(key), section).toString('utf8')) as BlobFileHeader;
  } catch (error) {
    throw integrityError(key, error);
  }
}

/** Decrypts a whole blob file; AppError 500 `BLOB_INTEGRITY_FAILED` when it does not authenticate. */
export function openBlobFile(encryptionKey: Uint8Array, key: string, file: Buffer): { header: BlobFileHeader; body: Buffer } {
  const length = headerSectionLength(key, file);
  const headerSection = file.subarray(PREFIX_LENGTH, PREFIX_LENGTH + length);
  const bodySection = file.subarray(PREFIX_LENGTH + length);
  if (headerSection.length !== length || bodySection.length < IV_LENGTH + TAG_LENGTH) throw integrityError(key);
  const header = openHeader(encryptionKey, key, headerSection);
  try {
    const body = open(encryptionKey, bodyAad(key, headerSection.subarray(0, IV_LENGTH)), bodySection);
    return { header, body };
  } catch (error) {
    throw integrityError(key, error);
  }
}

/** Reads and decrypts only the header of an open blob file. */
export async function readBlobFileHeader(encryptionKey: Uint8Array, key: string, file: FileHandle): Promise<BlobFileHeader> {
  const prefix = Buffer.alloc(PREFIX_LENGTH);
  const { bytesRead } = await file.read(prefix, 0, PREFIX_LENGTH, 0);
  const length = headerSectionLength(key, prefix.subarray(0, bytesRead));
  const section = Buffer.alloc(length);
  const read = await file.read(section, 0, length, PREFIX_LENGTH);
  if (read.bytesRead !== length) throw integrityError(key);
  return openHeader(encryptionKey, key, section);
}
