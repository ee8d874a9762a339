import { AnalyzeDocumentCommand, type Block, TextractClient } from '@aws-sdk/client-textract';
import { mockClient } from 'aws-sdk-client-mock';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../../../test/support/module-harness.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { geometry } from '../../platform/adapters/aws/textract-geometry.test-support.ts';
import { TextractOcrEngine } from '../../platform/adapters/aws/textract-ocr-engine.ts';
import { modules } from '../../runtime/modules.ts';
import { CERTIFICATE_ROWS } from './corpus/certificate-svg.ts';
import { generateDocument } from './corpus/generate-corpus.ts';
import { CERTIFICATE_QUERIES } from './domain/certificate-queries.ts';
import { createOcrModule } from './index.ts';

const textract = mockClient(TextractClient);
const client = new TextractClient({ region: 'eu-west-3', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });


/**
 * What AnalyzeDocument with QUERIES answers for a certificate, in the documented block shapes:
 * one LINE (of WORDs) per printed code and value, where the code's glyphs came out unreadable
 * ("~"), so that only the QUERY / QUERY_RESULT blocks say which value is which field.
 */
function analysedCertificate(fields: Record<string, string>): Block[] {
  const blocks: Block[] = [{ BlockType: 'PAGE', Id: 'page', Geometry: geometry(0, 0, 1, 1) }];
  const where = new Map<string, ReturnType<typeof geometry>>();
  CERTIFICATE_ROWS.forEach((row, r) => {
    for (const [code, column] of row) {
      const value = fields[code];
      if (!value) continue;
      const top = 0.1 + r * 0.05;
      const left = 0.03 + column * 0.155;
      const valueGeometry = geometry(left + 0.03, top, 0.1, 0.02);
      where.set(code, valueGeometry);
      blocks.push(
        { BlockType: 'LINE', Id: `l-${code}`, Confidence: 97, Text: `~ ${value}`, Geometry: geometry(left, top, 0.13, 0.02), Relationships: [{ Type: 'CHILD', Ids: [`c-${code}`, `v-${code}`] }] },
        { BlockType: 'WORD', Id: `c-${code}`, Confidence: 40, Text: '~', TextType: 'PRINTED', Geometry: geometry(left, top, 0.01, 0.02) },
        { BlockType: 'WORD', Id: `v-${code}`, Confidence: 97, Text: value, TextType: 'PRINTED', Geometry: valueGeometry },
      );
    }
  });
  for (const query of CERTIFICATE_QUERIES) {
    const value = fields[query.alias];
    blocks.push({ BlockType: 'QUERY', Id: `q-${query.alias}`, Query: { Text: query.text, Alias: query.alias }, ...(value ? { Relationships: [{ Type: 'ANSWER', Ids: [`r-${query.alias}`] }] } : {}) });
    if (value) blocks.push({ BlockType: 'QUERY_RESULT', Id: `r-${query.alias}`, Text: value, Confidence: 93.5, Geometry: where.get(query.alias)! });
  }
  return blocks;
}

describe('the OCR module on Textract (OCR_ENGINE=textract)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ modules: [...modules, createOcrModule({ engine: async () => new TextractOcrEngine({ client }) })] });
  });
  afterAll(async () => {
    await server?.dispose();
    textract.restore();
  });

  it('asks the certificate’s queries and reads the key fields from their answers, boxes in the page’s pixels', async () => {
    const doc = await generateDocument(1002, 'scan');
    textract.on(AnalyzeDocumentCommand).resolves({ $metadata: { httpStatusCode: 200 }, DocumentMetadata: { Pages: 1 }, Blocks: analysedCertificate(doc.truth.fields) });
    const owner = await signInAs(server, 'owner');
    const form = new FormData();
    form.set('document', new Blob([new Uint8Array(doc.image)], { type: 'image/png' }), 'carte-grise.png');
    const res = await fetch(`${server.url}/v1/ocr/documents`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}` }, body: form });
    const body = (await res.json()) as any;
    expect(res.status).toBe(200);

    const input = textract.commandCalls(AnalyzeDocumentCommand)[0]!.args[0].input;
    expect(input.FeatureTypes).toEqual(['QUERIES']);
    expect(input.QueriesConfig?.Queries?.map((q) => q.Alias)).toEqual(CERTIFICATE_QUERIES.map((q) => q.alias));
    expect(body.normalized).toEqual(doc.truth.normalized);
    const { width, height } = await sharp(doc.image).metadata();
    expect(body.page).toMatchObject({ width, height });
    // The VIN's box is its QUERY_RESULT's geometry in pixels of the uploaded image.
    const vinGeometry = analysedCertificate(doc.truth.fields).find((b) => b.Id === 'r-E')!.Geometry!.BoundingBox!;
    expect(body.fields.E.box).toEqual({
      x0: Math.round(vinGeometry.Left! * width!),
      y0: Math.round(vinGeometry.Top! * height!),
      x1: Math.round((vinGeometry.Left! + vinGeometry.Width!) * width!),
      y1: Math.round((vinGeometry.Top! + vinGeometry.Height!) * height!),
    });
    expect(body.fields.E.confidence).toBe(0.94);
    expect(body.text).toContain(doc.truth.fields.E);
  });
});
