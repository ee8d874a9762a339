import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticWeb } from './static-web.ts';

const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('staticWeb', () => {
  let base: string;
  let root: string;
  let app: Hono;
  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'novaevo-web-'));
    root = path.join(base, 'dist');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    await writeFile(path.join(root, 'favicon.svg'), '<svg/>');
    await writeFile(path.join(base, 'secret.txt'), 'not for you');
    app = new Hono();
    app.get('/v1/vehicles', (c) => c.json({ items: [] }));
    app.use('*', staticWeb({ root }));
    app.notFound((c) => c.json({ code: 'ROUTE_NOT_FOUND' }, 404));
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('serves index.html at / uncached, under a policy that allows no inline script', async () => {
    const res = await app.request('/', { headers: HTML });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
  });

  it('serves hashed assets with a long, immutable cache and their type', async () => {
    const res = await app.request('/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('caches files without a hash in their name only briefly', async () => {
    const res = await app.request('/favicon.svg');
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('answers a client-side route a browser asks for with index.html', async () => {
    const res = await app.request('/vehicles/0190a0c2-0000-7000-8000-000000000000', { headers: HTML });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('<div id="root">');
  });

  it('leaves an unknown path asked for as data to the 404 problem', async () => {
    const res = await app.request('/vehicles/123', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'ROUTE_NOT_FOUND' });
  });

  it('never shadows the API, the docs, the OpenAPI document, health, well-known files or redirects', async () => {
    expect(await (await app.request('/v1/vehicles', { headers: HTML })).json()).toEqual({ items: [] });
    for (const p of ['/v1/nope', '/v1', '/docs', '/docs/x.js', '/openapi.json', '/health', '/.well-known/jwks.json', '/r/abc']) {
      const res = await app.request(p, { headers: HTML });
      expect(res.status, p).toBe(404);
    }
  });

  it('serves pages to GET and HEAD only', async () => {
    expect((await app.request('/', { method: 'POST', headers: HTML })).status).toBe(404);
    const head = await app.request('/', { method: 'HEAD', headers: HTML });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves no file outside its folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const res = await app.request(p, { headers: { accept: '*/*' } });
      expect(res.status, p).toBe(404);
    }
  });

  it('says how to build the app when it is not built', async () => {
    const bare = new Hono();
    bare.use('*', staticWeb({ root: path.join(root, 'missing') }));
    const res = await bare.request('/', { headers: HTML });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:web');
  });
});
