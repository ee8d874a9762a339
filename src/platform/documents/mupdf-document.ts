import { AppError, unprocessable } from '../errors.ts';

type MuPdf = typeof import('mupdf');
type MuDocument = ReturnType<MuPdf['Document']['openDocument']>;

let loading: Promise<MuPdf> | undefined;

/** mupdf (WASM, no native code) loads its 10 MB module on first use, not at process start. */
export function loadMuPdf(): Promise<MuPdf> {
  loading ??= import('mupdf').then((mupdf) => {
    // mupdf prints repair warnings to stderr; a broken file is reported through errors instead.
    mupdf.setLog({ error: () => {}, warning: () => {} });
    return mupdf;
  });
  return loading;
}

const EOF_MARKER = Buffer.from('%%EOF');
/** Writers may leave a little padding after the last `%%EOF`; a kilobyte is the usual allowance. */
const EOF_WINDOW = 1024;

/**
 * Opens a PDF with mupdf and hands it to `use`, releasing its WASM memory afterwards. A file
 * without its final `%%EOF` (cut short in transit) is 422 `PDF_TRUNCATED` even though mupdf
 * would repair it — what is missing may be pages; corrupt files are 422 `PDF_UNREADABLE`,
 * password-protected ones 422 `PDF_ENCRYPTED`, a PDF without pages 422 `PDF_EMPTY`.
 */
export async function withPdf<T>(bytes: Uint8Array, use: (document: MuDocument, mupdf: MuPdf) => T): Promise<T> {
  const mupdf = await loadMuPdf();
  const eof = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).lastIndexOf(EOF_MARKER);
  if (eof === -1 || eof + EOF_MARKER.length < bytes.length - EOF_WINDOW) {
    throw unprocessable('PDF_TRUNCATED', 'The PDF is cut short (no end-of-file marker): send the whole file.');
  }
  let document: MuDocument | undefined;
  try {
    document = mupdf.Document.openDocument(bytes, 'application/pdf');
    if (document.needsPassword()) throw unprocessable('PDF_ENCRYPTED', 'The PDF is protected by a password.');
    if (document.countPages() === 0) throw unprocessable('PDF_EMPTY', 'The PDF has no pages.');
    return use(document, mupdf);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw unprocessable('PDF_UNREADABLE', 'The PDF could not be read (corrupt or truncated file).', { reason: reason.slice(0, 200) });
  } finally {
    document?.destroy();
  }
}
