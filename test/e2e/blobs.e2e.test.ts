import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

describe('signed blob URLs served by the local runtime', () => {
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ clock, env: { UPLOAD_BODY_LIMIT: '4096' } });
  });
  afterAll(() => s.dispose());

  const pdf = new TextEncoder().encode('%PDF-1.7 carte grise');

  it('uploads through a signed PUT URL and downloads through a signed GET URL', async () => {
    const putUrl = await s.platform.blobs.signedUrl('documents/user-1/carte-grise.pdf', { method: 'PUT', expiresInSeconds: 300, contentType: 'application/pdf' });
    expect(putUrl.startsWith(`${s.url}/v1/blobs/`)).toBe(true);
    const put = await fetch(putUrl, { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: pdf });
    expect(put.status).toBe(201);

    const getUrl = await s.platform.blobs.signedUrl('documents/user-1/carte-grise.pdf', { method: 'GET', expiresInSeconds: 300 });
    const get = await fetch(getUrl);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await get.arrayBuffer())).toEqual(pdf);
    const head = await fetch(getUrl, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, String(pdf.length)]);
  });

  it('refuses a PUT URL used with another content type, and a GET URL used to upload', async () => {
    const putUrl = await s.platform.blobs.signedUrl('documents/x.pdf', { method: 'PUT', expiresInSeconds: 300, contentType: 'application/pdf' });
    const wrongType = await fetch(putUrl, { method: 'PUT', headers: { 'content-type': 'text/html' }, body: '<script>' });
    expect([wrongType.status, ((await wrongType.json()) as any).code]).toEqual([403, 'SIGNATURE_INVALID']);
    const getUrl = await s.platform.blobs.signedUrl('documents/x.pdf', { method: 'GET', expiresInSeconds: 300 });
    const upload = await fetch(getUrl, { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: pdf });
    expect(upload.status).toBe(403);
  });

  it('refuses tampered and expired URLs', async () => {
    await s.platform.blobs.put('documents/y.pdf', pdf, { contentType: 'application/pdf' });
    const url = new URL(await s.platform.blobs.signedUrl('documents/y.pdf', { method: 'GET', expiresInSeconds: 60 }));
    const otherKey = new URL(url);
    otherKey.pathname = '/v1/blobs/documents/z.pdf';
    const longer = new URL(url);
    longer.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    for (const bad of [otherKey, longer]) {
      const res = await fetch(bad);
      expect([res.status, ((await res.json()) as any).code]).toEqual([403, 'SIGNATURE_INVALID']);
    }
    clock.advance(61_000);
    const expired = await fetch(url);
    expect([expired.status, ((await expired.json()) as any).code]).toEqual([403, 'URL_EXPIRED']);
  });

  it('answers 404 for a signed URL to nothing, and 413 for an upload over the limit', async () => {
    const missing = await fetch(await s.platform.blobs.signedUrl('documents/none.pdf', { method: 'GET', expiresInSeconds: 60 }));
    expect([missing.status, ((await missing.json()) as any).code]).toEqual([404, 'BLOB_NOT_FOUND']);
    const putUrl = await s.platform.blobs.signedUrl('documents/big.bin', { method: 'PUT', expiresInSeconds: 60, contentType: 'application/octet-stream' });
    const big = await fetch(putUrl, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(10_000) });
    expect([big.status, ((await big.json()) as any).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await s.platform.blobs.head('documents/big.bin')).toBeUndefined();
  });

  it('answers an unsigned request with 403', async () => {
    const res = await fetch(`${s.url}/v1/blobs/documents/y.pdf`);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});
