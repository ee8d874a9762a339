/** A line of text placed on a fixture page, in PDF points from the page's top-left corner. */
export interface FixtureText {
  x: number;
  y: number;
  size: number;
  text: string;
}

/**
 * Builds a small, valid PDF (Helvetica text, correct cross-reference table) for tests: one
 * entry of `pages` per page, each a list of texts; an empty list is a blank page. Optionally
 * one page carries a JPEG image filling it instead, as a scanned PDF does.
 */
export function buildFixturePdf(pages: readonly FixtureText[][], options: { width?: number; height?: number; scan?: { jpeg: Uint8Array; width: number; height: number } } = {}): Uint8Array {
  const width = options.width ?? 595;
  const height = options.height ?? 842;
  const objects: (string | Uint8Array)[][] = [];
  const pageIds: number[] = [];
  const add = (parts: (string | Uint8Array)[]) => objects.push(parts) + 2; // ids start at 3 (1: catalog, 2: pages)
  const font = add(['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']);
  const image = options.scan
    ? add([`<< /Type /XObject /Subtype /Image /Width ${options.scan.width} /Height ${options.scan.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${options.scan.jpeg.length} >>\nstream\n`, options.scan.jpeg, '\nendstream'])
    : undefined;
  for (const texts of pages) {
    const escapeText = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
    const body = [
      ...(image !== undefined ? [`q ${width} 0 0 ${height} 0 0 cm /Im0 Do Q`] : []),
      ...texts.map((t) => `BT /F1 ${t.size} Tf ${t.x} ${height - t.y} Td (${escapeText(t.text)}) Tj ET`),
    ].join('\n');
    const content = add([`<< /Length ${Buffer.byteLength(body, 'latin1')} >>\nstream\n${body}\nendstream`]);
    const xobject = image !== undefined ? ` /XObject << /Im0 ${image} 0 R >>` : '';
    pageIds.push(add([`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 ${font} 0 R >>${xobject} >> /Contents ${content} 0 R >>`]));
  }
  const all: (string | Uint8Array)[][] = [
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    [`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`],
    ...objects,
  ];
  const chunks: Uint8Array[] = [];
  let length = 0;
  const push = (part: string | Uint8Array) => {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
    chunks.push(bytes);
    length += bytes.length;
  };
  push('%PDF-1.4\n');
  const offsets: number[] = [];
  all.forEach((parts, i) => {
    offsets.push(length);
    push(`${i + 1} 0 obj\n`);
    for (const part of parts) push(part);
    push('\nendobj\n');
  });
  const xref = length;
  push(`xref\n0 ${all.length + 1}\n0000000000 65535 f \n`);
  for (const offset of offsets) push(`${String(offset).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${all.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(chunks);
}
