import { AppError, badRequest } from '../errors.ts';

/** The document types the platform reads (scans, photos, digital or scanned PDFs). */
export type DocumentType = 'image/png' | 'image/jpeg' | 'application/pdf';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
/** PDF readers accept the header anywhere in the first kilobyte (junk before it is common). */
const PDF_HEADER_WINDOW = 1024;

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);

/**
 * The type of a document from its magic bytes, never from a file name or a declared
 * Content-Type (both are the sender's word). Empty bytes are 400 `DOCUMENT_EMPTY`; anything but
 * PNG, JPEG or PDF is 415 `UNSUPPORTED_DOCUMENT_TYPE`.
 *
 * @example
 * sniffDocumentType(await file.bytes()); // 'application/pdf'
 */
export function sniffDocumentType(bytes: Uint8Array): DocumentType {
  if (bytes.length === 0) throw badRequest('DOCUMENT_EMPTY', 'The document is empty.');
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  const window = Math.min(bytes.length, PDF_HEADER_WINDOW) - PDF.length;
  for (let at = 0; at <= window; at++) if (startsWith(bytes, PDF, at)) return 'application/pdf';
  throw new AppError(415, 'UNSUPPORTED_DOCUMENT_TYPE', 'Only PNG, JPEG and PDF documents are read.');
}
