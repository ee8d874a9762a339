import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { kbisRows, type KbisDocumentSpec } from './kbis-layout.ts';

/** How a generated PDF departs from a genuine one. */
export type PdfForgery = 'none' | 'incremental-update' | 'editor-producer' | 'late-modification' | 'text-overprint';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const VALUE_X = 250;
const SIZE = 9;
const LEADING = 12.5;

/** The PDF text a Helvetica-encoded string can show (WinAnsi): anything else becomes "?". */
function printable(font: PDFFont, s: string): string {
  return [...s].map((ch) => { try { font.encodeText(ch); return ch; } catch { return '?'; } }).join('');
}

function wrap(font: PDFFont, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, SIZE) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/**
 * Prints an extract as Infogreffe lays it out (A4, greffe header and verification code, title,
 * the three sections with labels on the left and values on the right, "Fin de l'extrait"),
 * with a text layer, as the greffe's document chain produces it; `forgery` alters it the way
 * forgers do. `issuedAt` is the PDF's creation date.
 */
export async function kbisPdf(spec: KbisDocumentSpec, issuedAt: Date, forgery: PdfForgery = 'none'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setProducer('Infogreffe - Chaîne éditique GTC');
  doc.setCreator('Infogreffe');
  doc.setTitle('Extrait Kbis');
  doc.setCreationDate(issuedAt);
  doc.setModificationDate(forgery === 'late-modification' ? new Date(issuedAt.getTime() + 21 * 86_400_000) : issuedAt);
  if (forgery === 'editor-producer') doc.setProducer('LibreOffice 7.6');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;
  const need = (h: number) => {
    if (y - h < MARGIN) {
      page = doc.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN;
    }
  };
  const draw = (text: string, x: number, font: PDFFont, size = SIZE) => page.drawText(printable(font, text), { x, y, size, font, color: rgb(0, 0, 0) });
  let capitalAt: { page: PDFPage; y: number } | undefined;

  for (const row of kbisRows(spec)) {
    switch (row.kind) {
      case 'title': {
        need(30);
        y -= 10;
        const w = bold.widthOfTextAtSize(row.text, 16);
        draw(row.text, (A4.width - w) / 2, bold, 16);
        y -= 22;
        break;
      }
      case 'heading':
        need(28);
        y -= 8;
        page.drawRectangle({ x: MARGIN - 4, y: y - 4, width: A4.width - 2 * MARGIN + 8, height: LEADING + 2, color: rgb(0.88, 0.88, 0.88) });
        for (const line of wrap(bold, row.text, A4.width - 2 * MARGIN)) {
          draw(line, MARGIN, bold);
          y -= LEADING;
        }
        y -= 6;
        break;
      case 'role':
        need(LEADING * 2);
        y -= 4;
        draw(row.text, MARGIN, bold);
        y -= LEADING;
        break;
      case 'field': {
        const lines = wrap(regular, row.value, A4.width - MARGIN - VALUE_X);
        need(LEADING * lines.length);
        draw(row.label, MARGIN, regular);
        if (row.label === 'Capital social') capitalAt = { page, y };
        for (const line of lines) {
          draw(line, VALUE_X, regular);
          y -= LEADING;
        }
        break;
      }
      default: {
        need(LEADING);
        const font = row.kind === 'small' ? regular : bold;
        for (const line of wrap(font, row.text, A4.width - 2 * MARGIN)) {
          draw(line, MARGIN, font, row.kind === 'small' ? 8 : SIZE);
          y -= LEADING;
        }
      }
    }
  }
  if (forgery === 'text-overprint' && capitalAt) {
    // The classic cover-up: a white box over the printed value, a new value on top.
    capitalAt.page.drawRectangle({ x: VALUE_X - 1, y: capitalAt.y - 3, width: 120, height: LEADING, color: rgb(1, 1, 1) });
    capitalAt.page.drawText('150 000,00 Euros', { x: VALUE_X, y: capitalAt.y, size: SIZE, font: regular });
  }
  const bytes = await doc.save({ useObjectStreams: false });
  return forgery === 'incremental-update' ? appendIncrementalUpdate(bytes) : bytes;
}

/** Appends an incremental update (a new content stream drawing text), as an editor saving in place does. */
function appendIncrementalUpdate(pdf: Uint8Array): Uint8Array {
  const original = Buffer.from(pdf).toString('latin1');
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(original)?.[1] ?? '0';
  const size = Number(/\/Size\s+(\d+)/.exec(original)?.[1] ?? '100');
  const stream = 'BT /F1 9 Tf 250 600 Td (modifie) Tj ET';
  const objOffset = pdf.length;
  const obj = `${size} 0 obj\n<< /Length ${stream.length} >>\nstream\n${stream}\nendstream\nendobj\n`;
  const xrefOffset = objOffset + obj.length;
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(original)?.[1] ?? '1 0 R';
  const tail = `xref\n${size} 1\n${String(objOffset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Prev ${prev} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([Buffer.from(pdf), Buffer.from(obj + tail, 'latin1')]));
}
