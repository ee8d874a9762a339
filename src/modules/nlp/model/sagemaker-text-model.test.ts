import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { CATEGORIES, URGENCIES } from '../analysis/taxonomy.ts';
import { SageMakerTextModel } from './sagemaker-text-model.ts';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

const prediction = {
  categoryScores: Object.fromEntries(CATEGORIES.map((c) => [c, c === 'brakes' ? 0.88 : 0.01])),
  urgencyScores: Object.fromEntries(URGENCIES.map((u) => [u, u === 'high' ? 0.7 : 0.1])),
};

// A stand-in for the SageMaker runtime on loopback: it records each request and answers with
// whatever the test put in `reply`.
describe('SageMakerTextModel', () => {
  const seen: Seen[] = [];
  let reply: { status: number; body: string } = { status: 200, body: JSON.stringify(prediction) };
  let server: Server;
  let endpoint: string;
  const model = (timeoutMs = 2000) =>
    new SageMakerTextModel({
      endpointName: 'novaevo-nlp',
      timeoutMs,
      client: { endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-secret' }, maxAttempts: 1 },
    });

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends InvokeEndpoint as documented: POST /endpoints/{name}/invocations, JSON in and out, SigV4 for sagemaker', async () => {
    reply = { status: 200, body: JSON.stringify(prediction) };
    seen.length = 0;
    const m = model();
    const out = await m.predict('ça grince au freinage, 120 000 km');
    m.close();
    expect(out).toEqual(prediction);
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/endpoints/novaevo-nlp/invocations');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-3\/sagemaker\/aws4_request, SignedHeaders=[^,]*content-type[^,]*, Signature=[0-9a-f]{64}$/);
    expect(request?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(JSON.parse(request?.body ?? '')).toEqual({ text: 'ça grince au freinage, 120 000 km' });
  });

  it('answers 503 NLP_MODEL_UNAVAILABLE when the endpoint fails (a ModelError)', async () => {
    reply = { status: 424, body: JSON.stringify({ message: 'Received server error (500) from primary' }) };
    const m = model();
    const failure = await m.predict('noise').catch((e: unknown) => e);
    m.close();
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ status: 503, code: 'NLP_MODEL_UNAVAILABLE' });
  });

  it('answers 502 NLP_MODEL_INVALID_ANSWER when the endpoint answers something else than a full prediction', async () => {
    for (const body of ['not json', JSON.stringify({ categoryScores: { brakes: 1 }, urgencyScores: prediction.urgencyScores })]) {
      reply = { status: 200, body };
      const m = model();
      const failure = await m.predict('noise').catch((e: unknown) => e);
      m.close();
      expect(failure).toMatchObject({ status: 502, code: 'NLP_MODEL_INVALID_ANSWER' });
    }
  });

  it('answers 503 when nothing listens at the endpoint', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const m = new SageMakerTextModel({
      endpointName: 'novaevo-nlp',
      timeoutMs: 2000,
      client: { endpoint: `http://127.0.0.1:${port}`, region: 'eu-west-3', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 },
    });
    await expect(m.predict('noise')).rejects.toMatchObject({ status: 503, code: 'NLP_MODEL_UNAVAILABLE' });
    m.close();
  });
});
