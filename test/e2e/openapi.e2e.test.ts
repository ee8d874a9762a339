import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

describe('API description', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.dispose());

  it('serves a valid OpenAPI 3.1 document', async () => {
    const spec = (await s.call('GET', '/openapi.json')).body;
    const validator = new Validator();
    const result = await validator.validate(spec);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('lists every route the API serves', async () => {
    const spec = (await s.call('GET', '/openapi.json')).body;
    const documented = new Set(
      Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    const served = s.api.app.routes
      .filter((r) => r.method !== 'ALL' && !['/openapi.json', '/docs', '/docs/init.js', '/docs/:asset'].includes(r.path))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{key}')}`)
      .filter((r) => !r.startsWith('HEAD '));
    expect(served.length).toBeGreaterThan(8);
    for (const route of served) expect(documented, route).toContain(route);
  });

  it('names its own public URL as the server, whatever Host the request carried', async () => {
    const res = await fetch(`${s.url}/openapi.json`, { headers: { host: 'evil.example' } });
    expect(((await res.json()) as { servers: { url: string }[] }).servers).toEqual([{ url: s.url }]);
  });

  it('serves /docs under a Content-Security-Policy without inline scripts', async () => {
    const res = await fetch(`${s.url}/docs`);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect(await res.text()).not.toMatch(/<script>/);
  });

  it('documents problem responses and the bearer scheme', async () => {
    const spec = (await s.call('GET', '/openapi.json')).body;
    expect(spec.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(spec.components.schemas.Problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'code']));
    expect(spec.paths['/v1/vehicles'].post.responses['409'].content['application/problem+json']).toBeDefined();
  });

  it('serves Swagger UI at /docs with its assets, without any CDN', async () => {
    const page = await fetch(`${s.url}/docs`);
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('/docs/init.js');
    expect(await (await fetch(`${s.url}/docs/init.js`)).text()).toContain('/openapi.json');
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of ['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js']) {
      const res = await fetch(s.url + asset);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('reports the adapters in use at /health', async () => {
    const health = await s.call('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', version: '0.0.0-test', mode: 'local' });
    expect(health.body.adapters).toMatchObject({ database: 'pglite', events: 'sql-outbox', mqtt: 'aedes', identity: 'local' });
  });
});
