import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { buildFixturePdf } from './pdf-fixture.ts';
import { renderPdfPages } from './pdf-render.ts';
import { pdfTextLayer } from './pdf-text-layer.ts';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof AppError ? `${error.status} ${error.code}` : String(error)),
  );

const certificate = buildFixturePdf([
  [
    { x: 50, y: 60, size: 12, text: 'A AB-123-CD' },
    { x: 50, y: 90, size: 12, text: 'E VF1RFB00X56123456' },
  ],
  [],
]);

describe('pdfTextLayer', () => {
  it('gives each page its lines and words with boxes where the text is printed', async () => {
    const pages = await pdfTextLayer(certificate, { dpi: 144 });
    expect(pages).toHaveLength(2);
    const [first, blank] = pages;
    expect(first?.width).toBe(1190);
    expect(first?.lines.map((l) => l.text)).toEqual(['A AB-123-CD', 'E VF1RFB00X56123456']);
    const plate = first?.lines[0]?.words[1];
    expect(plate?.text).toBe('AB-123-CD');
    // 12 pt Helvetica on a baseline 60 pt down, at 2 pixels per point.
    expect(plate?.box.y1).toBeGreaterThan(110);
    expect(plate?.box.y0).toBeLessThan(110);
    expect(plate?.box.x0).toBeGreaterThan(100);
    expect(blank?.lines).toEqual([]);
  });

  it('finds no text on a scanned page, which rendering then shows', async () => {
    const jpeg = await sharp({ create: { width: 60, height: 80, channels: 3, background: '#202020' } }).grayscale().jpeg().toBuffer();
    const scanned = buildFixturePdf([[]], { width: 300, height: 400, scan: { jpeg, width: 60, height: 80 } });
    const [page] = await pdfTextLayer(scanned);
    expect(page?.lines).toEqual([]);
    const { pages } = await renderPdfPages(scanned, { dpi: 72 });
    expect((await sharp(pages[0]?.png).stats()).channels[0]?.max).toBeLessThan(60);
  });

  it('refuses corrupt, truncated and non-PDF bytes with 422', async () => {
    expect(await rejection(pdfTextLayer(Buffer.from('%PDF-1.4\nnot really a pdf')))).toMatch(/^422 PDF_(UNREADABLE|EMPTY|TRUNCATED)$/);
    expect(await rejection(pdfTextLayer(certificate.slice(0, 120)))).toMatch(/^422 PDF_(UNREADABLE|EMPTY|TRUNCATED)$/);
    expect(await rejection(pdfTextLayer(new Uint8Array([1, 2, 3])))).toMatch(/^422 PDF_(UNREADABLE|EMPTY|TRUNCATED)$/);
  });
});

describe('renderPdfPages', () => {
  it('renders the first pages to grayscale PNG at the asked resolution', async () => {
    const { pages, pageCount } = await renderPdfPages(certificate, { dpi: 100, maxPages: 5 });
    expect(pageCount).toBe(2);
    expect(pages.map((p) => [p.index, p.width, p.height])).toEqual([
      [0, 827, 1170],
      [1, 827, 1170],
    ]);
    const meta = await sharp(pages[0]?.png).metadata();
    expect([meta.format, meta.width, meta.channels]).toEqual(['png', 827, 1]);
    const stats = await sharp(pages[0]?.png).stats();
    expect(stats.channels[0]?.min).toBeLessThan(80); // the text is drawn
    expect((await sharp(pages[1]?.png).stats()).channels[0]?.min).toBe(255); // the blank page is blank
  });

  it('renders one page unless asked for more', async () => {
    expect((await renderPdfPages(certificate, { dpi: 50 })).pages).toHaveLength(1);
  });

  it('refuses a page too big to render at that resolution with 413', async () => {
    const poster = buildFixturePdf([[]], { width: 14_400, height: 14_400 });
    expect(await rejection(renderPdfPages(poster, { dpi: 300 }))).toBe('413 IMAGE_TOO_LARGE');
  });

  it('refuses a truncated PDF with 422', async () => {
    expect(await rejection(renderPdfPages(certificate.slice(0, certificate.length / 3)))).toMatch(/^422 PDF_(UNREADABLE|EMPTY|TRUNCATED)$/);
  });
});
