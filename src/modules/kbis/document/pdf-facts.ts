/** What a PDF says about its own history. */
export interface PdfFacts {
  /** Incremental updates appended after the first revision (each as latin1 text, for inspection). */
  laterRevisions: string[];
  producer: string | null;
  creator: string | null;
  created: Date | null;
  modified: Date | null;
}

/**
 * Reads a PDF's revision history and document information. A PDF edited and saved
 * incrementally keeps its first revision and appends the changes after its `%%EOF`: each
 * later section is one update. Never throws: a PDF pdf-lib cannot open has no metadata.
 */
export async function readPdfFacts(pdf: Uint8Array): Promise<PdfFacts> {
  const latin1 = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const sections = latin1.split(/%%EOF[\r\n]*/).filter((s, i, all) => i < all.length - 1 || s.trim() !== '');
  const facts: PdfFacts = { laterRevisions: sections.slice(1), producer: null, creator: null, created: null, modified: null };
  const { PDFDocument } = await import('pdf-lib'); // loaded with the first extract, not at start (~20 MB, 0.1 s)
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: true });
    facts.producer = doc.getProducer() ?? null;
    facts.creator = doc.getCreator() ?? null;
    facts.created = doc.getCreationDate() ?? null;
    facts.modified = doc.getModificationDate() ?? null;
  } catch {
    // Unreadable structure: the text extraction will tell whether anything can be read at all.
  }
  return facts;
}
