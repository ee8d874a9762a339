import {
  AnalyzeDocumentCommand,
  type AnalyzeDocumentCommandOutput,
  DetectDocumentTextCommand,
  type DetectDocumentTextCommandOutput,
  TextractClient,
  UnsupportedDocumentException,
} from '@aws-sdk/client-textract';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { TextractOcrEngine } from './textract-ocr-engine.ts';
import { pageFromBlocks } from './textract-page.ts';
import { geometry } from './textract-geometry.test-support.ts';

const textract = mockClient(TextractClient);
const client = new TextractClient({ region: 'eu-west-3', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
afterEach(() => textract.reset());

const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).png().toBuffer();

// Shaped as the DetectDocumentText response in Textract's documentation (one PAGE, its LINEs
// as CHILDREN of the page, WORDs as CHILDREN of each line, boxes as ratios of the page).
const sample: DetectDocumentTextCommandOutput = {
  $metadata: { httpStatusCode: 200 },
  DocumentMetadata: { Pages: 1 },
  DetectDocumentTextModelVersion: '1.0',
  Blocks: [
    { BlockType: 'PAGE', Geometry: geometry(0, 0, 1, 1), Id: 'page', Relationships: [{ Type: 'CHILD', Ids: ['l1', 'l2'] }] },
    { BlockType: 'LINE', Confidence: 99.61, Text: 'EXTRAIT KBIS', Geometry: geometry(0.1, 0.05, 0.4, 0.04), Id: 'l1', Relationships: [{ Type: 'CHILD', Ids: ['w1', 'w2'] }] },
    { BlockType: 'LINE', Confidence: 97.25, Text: 'SIREN 552 100 554', Geometry: geometry(0.1, 0.2, 0.5, 0.04), Id: 'l2', Relationships: [{ Type: 'CHILD', Ids: ['w3', 'w4'] }] },
    { BlockType: 'WORD', Confidence: 99.82, Text: 'EXTRAIT', TextType: 'PRINTED', Geometry: geometry(0.1, 0.05, 0.2, 0.04), Id: 'w1' },
    { BlockType: 'WORD', Confidence: 99.4, Text: 'KBIS', TextType: 'PRINTED', Geometry: geometry(0.32, 0.05, 0.18, 0.04), Id: 'w2' },
    { BlockType: 'WORD', Confidence: 98.1, Text: 'SIREN', TextType: 'PRINTED', Geometry: geometry(0.1, 0.2, 0.12, 0.04), Id: 'w3' },
    { BlockType: 'WORD', Confidence: 96.4, Text: '552 100 554', TextType: 'PRINTED', Geometry: geometry(0.25, 0.2, 0.35, 0.04), Id: 'w4' },
  ],
};

// Shaped as the AnalyzeDocument response with FeatureTypes QUERIES in Textract's documentation:
// the PAGE, LINE and WORD blocks as DetectDocumentText gives them, then one QUERY block per query
// (its Text and Alias as asked, its QUERY_RESULT through an ANSWER relationship, none when
// unanswered) and the QUERY_RESULT blocks (Text, Confidence, Geometry as ratios of the page).
const analysed: AnalyzeDocumentCommandOutput = {
  $metadata: { httpStatusCode: 200 },
  DocumentMetadata: { Pages: 1 },
  AnalyzeDocumentModelVersion: '1.0',
  Blocks: [
    { BlockType: 'PAGE', Geometry: geometry(0, 0, 1, 1), Id: 'page', Relationships: [{ Type: 'CHILD', Ids: ['l1'] }] },
    { BlockType: 'LINE', Confidence: 99.1, Text: 'A AB-123-CD', Geometry: geometry(0.05, 0.1, 0.3, 0.03), Id: 'l1', Relationships: [{ Type: 'CHILD', Ids: ['w1', 'w2'] }] },
    { BlockType: 'WORD', Confidence: 98.7, Text: 'A', TextType: 'PRINTED', Geometry: geometry(0.05, 0.1, 0.02, 0.03), Id: 'w1' },
    { BlockType: 'WORD', Confidence: 99.5, Text: 'AB-123-CD', TextType: 'PRINTED', Geometry: geometry(0.1, 0.1, 0.25, 0.03), Id: 'w2' },
    { BlockType: 'QUERY', Id: 'q1', Query: { Text: 'What is the registration number (A)?', Alias: 'A' }, Relationships: [{ Type: 'ANSWER', Ids: ['r1'] }] },
    { BlockType: 'QUERY', Id: 'q2', Query: { Text: 'What is the vehicle identification number (E)?', Alias: 'E' }, Relationships: [{ Type: 'ANSWER', Ids: ['r2', 'r3'] }] },
    { BlockType: 'QUERY', Id: 'q3', Query: { Text: 'What is the holder name (C.1)?', Alias: 'C.1' } },
    { BlockType: 'QUERY_RESULT', Id: 'r1', Text: 'AB-123-CD', Confidence: 97.46, Geometry: geometry(0.1, 0.1, 0.25, 0.03) },
    { BlockType: 'QUERY_RESULT', Id: 'r2', Text: 'VF1RFB00X12345678', Confidence: 88.04, Geometry: geometry(0.5, 0.2, 0.4, 0.03) },
    { BlockType: 'QUERY_RESULT', Id: 'r3', Text: 'VF1RFB00X1234567', Confidence: 41.2, Geometry: geometry(0.5, 0.2, 0.38, 0.03) },
  ],
};

describe('TextractOcrEngine', () => {
  it('asks AnalyzeDocument the queries and gives each answered query its text, confidence and pixel box, beside the lines', async () => {
    textract.on(AnalyzeDocumentCommand).resolves(analysed);
    const image = await png(2000, 1000);
    const queries = [
      { alias: 'A', text: 'What is the registration number (A)?' },
      { alias: 'E', text: 'What is the vehicle identification number (E)?' },
      { alias: 'C.1', text: 'What is the holder name (C.1)?' },
    ];
    const page = await new TextractOcrEngine({ client }).recognize(image, { queries });
    const input = textract.commandCalls(AnalyzeDocumentCommand)[0]!.args[0].input;
    expect(Buffer.from(input.Document!.Bytes!).equals(image)).toBe(true);
    expect(input.FeatureTypes).toEqual(['QUERIES']);
    expect(input.QueriesConfig).toEqual({ Queries: queries.map((q) => ({ Text: q.text, Alias: q.alias })) });
    expect(textract.commandCalls(DetectDocumentTextCommand)).toHaveLength(0);
    expect(page.text).toBe('A AB-123-CD');
    expect(page.lines[0]?.words.map((w) => w.box)).toEqual([
      { x0: 100, y0: 100, x1: 140, y1: 130 },
      { x0: 200, y0: 100, x1: 700, y1: 130 },
    ]);
    expect(page.answers).toEqual([
      { alias: 'A', text: 'AB-123-CD', confidence: 97.5, box: { x0: 200, y0: 100, x1: 700, y1: 130 } },
      // The most confident of a query's results; an unanswered query (C.1) gives no answer.
      { alias: 'E', text: 'VF1RFB00X12345678', confidence: 88, box: { x0: 1000, y0: 200, x1: 1800, y1: 230 } },
    ]);
  });

  it('reads lines only, with the cheaper DetectDocumentText, when no query is asked', async () => {
    textract.on(DetectDocumentTextCommand).resolves(sample);
    const page = await new TextractOcrEngine({ client }).recognize(await png(100, 100), { queries: [] });
    expect(textract.commandCalls(AnalyzeDocumentCommand)).toHaveLength(0);
    expect(page.answers).toBeUndefined();
  });

  it('maps AnalyzeDocument refusals as DetectDocumentText ones', async () => {
    textract.on(AnalyzeDocumentCommand).rejects(new UnsupportedDocumentException({ message: 'Request has unsupported document format', $metadata: { httpStatusCode: 400 } }));
    await expect(new TextractOcrEngine({ client }).recognize(await png(20, 20), { queries: [{ alias: 'A', text: 'What is the registration number (A)?' }] })).rejects.toMatchObject({
      status: 422,
      code: 'IMAGE_UNREADABLE',
    });
  });

  it('sends the image bytes to DetectDocumentText and maps lines and words to pixel boxes', async () => {
    textract.on(DetectDocumentTextCommand).resolves(sample);
    const image = await png(1000, 500);
    const page = await new TextractOcrEngine({ client }).recognize(image);
    expect(Buffer.from(textract.commandCalls(DetectDocumentTextCommand)[0]!.args[0].input.Document!.Bytes!).equals(image)).toBe(true);
    expect(page).toEqual({
      width: 1000,
      height: 500,
      confidence: 98.4,
      text: 'EXTRAIT KBIS\nSIREN 552 100 554',
      lines: [
        {
          text: 'EXTRAIT KBIS',
          confidence: 99.6,
          box: { x0: 100, y0: 25, x1: 500, y1: 45 },
          words: [
            { text: 'EXTRAIT', confidence: 99.8, box: { x0: 100, y0: 25, x1: 300, y1: 45 } },
            { text: 'KBIS', confidence: 99.4, box: { x0: 320, y0: 25, x1: 500, y1: 45 } },
          ],
        },
        {
          text: 'SIREN 552 100 554',
          confidence: 97.3,
          box: { x0: 100, y0: 100, x1: 600, y1: 120 },
          words: [
            { text: 'SIREN', confidence: 98.1, box: { x0: 100, y0: 100, x1: 220, y1: 120 } },
            { text: '552 100 554', confidence: 96.4, box: { x0: 250, y0: 100, x1: 600, y1: 120 } },
          ],
        },
      ],
    });
  });

  it('answers 422 for bytes that are no image, or that Textract refuses, and 413 past its limits', async () => {
    const engine = new TextractOcrEngine({ client });
    await expect(engine.recognize(new TextEncoder().encode('not an image'))).rejects.toMatchObject({ status: 422, code: 'IMAGE_UNREADABLE' });
    await expect(engine.recognize(await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).webp().toBuffer())).rejects.toMatchObject({ status: 422, code: 'IMAGE_UNREADABLE' });
    await expect(engine.recognize(await png(10_001, 4))).rejects.toMatchObject({ status: 413, code: 'IMAGE_TOO_LARGE' });
    expect(textract.commandCalls(DetectDocumentTextCommand)).toHaveLength(0);
    textract.on(DetectDocumentTextCommand).rejects(new UnsupportedDocumentException({ message: 'Request has unsupported document format', $metadata: { httpStatusCode: 400 } }));
    await expect(engine.recognize(await png(20, 20))).rejects.toMatchObject({ status: 422, code: 'IMAGE_UNREADABLE' });
  });

  it('keeps every box inside the image and each line the join of its words, whatever the blocks', () => {
    const ratio = fc.double({ min: -0.1, max: 1.1, noNaN: true });
    const word = fc.record({ text: fc.stringMatching(/^[A-Za-zÀ-ÿ0-9.,:'-]{1,8}$/), left: ratio, top: ratio, width: fc.double({ min: 0, max: 1, noNaN: true }), height: fc.double({ min: 0, max: 1, noNaN: true }), confidence: fc.double({ min: 0, max: 100, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(fc.array(word, { maxLength: 5 }), { maxLength: 5 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), (lines, width, height) => {
        const blocks = lines.flatMap((words, i) => [
          { BlockType: 'LINE' as const, Id: `l${i}`, Confidence: 90, Geometry: geometry(0, 0, 1, 1), Relationships: [{ Type: 'CHILD' as const, Ids: words.map((_, j) => `w${i}-${j}`) }] },
          ...words.map((w, j) => ({ BlockType: 'WORD' as const, Id: `w${i}-${j}`, Text: w.text, Confidence: w.confidence, Geometry: geometry(w.left, w.top, w.width, w.height) })),
        ]);
        const page = pageFromBlocks(blocks, width, height);
        for (const line of page.lines) {
          expect(line.text).toBe(line.words.map((w) => w.text).join(' '));
          for (const { box } of [line, ...line.words]) {
            expect(0 <= box.x0 && box.x0 <= box.x1 && box.x1 <= width).toBe(true);
            expect(0 <= box.y0 && box.y0 <= box.y1 && box.y1 <= height).toBe(true);
          }
        }
        expect(page.text).toBe(page.lines.map((l) => l.text).join('\n'));
        expect(page.lines).toHaveLength(lines.filter((words) => words.length > 0).length);
        expect(page.confidence).toBeGreaterThanOrEqual(0);
        expect(page.confidence).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('gives at most one answer per answered query, inside the image, whatever the query blocks', () => {
    const ratio = fc.double({ min: -0.1, max: 1.1, noNaN: true });
    const result = fc.record({ text: fc.string({ maxLength: 20 }), confidence: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }), left: ratio, top: ratio, geometry: fc.boolean() });
    const query = fc.record({ alias: fc.option(fc.stringMatching(/^[A-Z][.0-9]{0,3}$/), { nil: undefined }), results: fc.array(result, { maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(query, { maxLength: 6 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), (queries, width, height) => {
        const blocks = queries.flatMap((q, i) => [
          { BlockType: 'QUERY' as const, Id: `q${i}`, Query: { Text: 'What?', ...(q.alias ? { Alias: q.alias } : {}) }, Relationships: [{ Type: 'ANSWER' as const, Ids: q.results.map((_, j) => `r${i}-${j}`) }] },
          ...q.results.map((r, j) => ({
            BlockType: 'QUERY_RESULT' as const,
            Id: `r${i}-${j}`,
            Text: r.text,
            ...(r.confidence !== undefined ? { Confidence: r.confidence } : {}),
            ...(r.geometry ? { Geometry: geometry(r.left, r.top, 0.2, 0.05) } : {}),
          })),
        ]);
        const answers = pageFromBlocks(blocks, width, height).answers ?? [];
        const answerable = queries.filter((q) => q.alias && q.results.some((r) => r.text.trim() !== ''));
        expect(answers.map((a) => a.alias)).toEqual(answerable.map((q) => q.alias));
        for (const answer of answers) {
          expect(answer.text).toBe(answer.text.trim());
          expect(answer.text).not.toBe('');
          expect(0 <= answer.box.x0 && answer.box.x0 <= answer.box.x1 && answer.box.x1 <= width).toBe(true);
          expect(0 <= answer.box.y0 && answer.box.y0 <= answer.box.y1 && answer.box.y1 <= height).toBe(true);
          expect(answer.confidence).toBeGreaterThanOrEqual(0);
          expect(answer.confidence).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});
