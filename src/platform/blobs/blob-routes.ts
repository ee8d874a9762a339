import { z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { problemContent } from '../http/problem.ts';
import { createApiRouter, type ApiRouter } from '../http/router.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import { verifyBlobUrl } from './signed-url.ts';

/** Where signed blob URLs point, under /v1. */
export const BLOB_ROUTE_PREFIX = '/blobs/';

function keyOf(path: string): string {
  const i = path.indexOf(BLOB_ROUTE_PREFIX);
  try {
    return path.slice(i + BLOB_ROUTE_PREFIX.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    throw new AppError(400, 'BLOB_KEY_INVALID', 'The blob key is not valid percent-encoding.');
  }
}

/**
 * Serves the signed, expiring URLs of the local blob store (what S3 presigned URLs are in AWS):
 * GET/HEAD download, PUT uploads. The signature is the only credential, so the handler checks it
 * before touching the store.
 */
export function blobRoutes(deps: { blobs: BlobStore; secret: Uint8Array; clock: Clock; bodyRules: MiddlewareHandler }): ApiRouter {
  const r = createApiRouter();
  const verify = (method: 'GET' | 'PUT', path: string, query: Record<string, string>, contentType: string | undefined) => {
    const key = keyOf(path);
    const result = verifyBlobUrl({ secret: deps.secret, key, method, query, now: deps.clock.now(), ...(contentType ? { contentType } : {}) });
    if (!result.ok) throw result.error;
    return key;
  };

  r.on(['GET', 'HEAD'], `${BLOB_ROUTE_PREFIX}*`, async (c) => {
    const key = verify('GET', c.req.path, c.req.query(), undefined);
    const blob = await deps.blobs.get(key);
    if (!blob) throw new AppError(404, 'BLOB_NOT_FOUND', 'No such blob.');
    const headers = {
      'Content-Type': blob.info.contentType,
      'Content-Length': String(blob.info.size),
      ETag: `"${blob.info.etag}"`,
      'Cache-Control': 'private, no-store',
    };
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    return c.body(new Uint8Array(blob.body), 200, headers);
  });

  // The signature is checked before the body is read (then the upload size limit applies).
  const signedPut: MiddlewareHandler = async (c, next) => {
    verify('PUT', c.req.path, c.req.query(), c.req.header('Content-Type') ?? 'application/octet-stream');
    await next();
  };
  r.put(`${BLOB_ROUTE_PREFIX}*`, signedPut, deps.bodyRules, async (c) => {
    const contentType = c.req.header('Content-Type') ?? 'application/octet-stream';
    const key = verify('PUT', c.req.path, c.req.query(), contentType);
    const body = new Uint8Array(await c.req.arrayBuffer());
    const info = await deps.blobs.put(key, body, { contentType });
    return c.json({ key: info.key, size: info.size, etag: info.etag, content_type: info.contentType }, 201);
  });

  const signedQuery = z.object({ expires: z.string(), method: z.string(), sig: z.string(), contentType: z.string().optional() });
  const errors = { 403: problemContent('SIGNATURE_INVALID or URL_EXPIRED'), 404: problemContent('BLOB_NOT_FOUND') };
  for (const method of ['get', 'put'] as const) {
    r.openAPIRegistry.registerPath({
      method,
      path: `${BLOB_ROUTE_PREFIX}{key}`,
      tags: ['blobs'],
      summary: method === 'get' ? 'Download through a signed URL' : 'Upload through a signed URL',
      description: 'The URL comes from the platform (the blob store signs it); the key may contain slashes.',
      request: { params: z.object({ key: z.string() }), query: signedQuery },
      responses: { [method === 'get' ? 200 : 201]: { description: 'OK' }, ...errors },
    });
  }
  return r;
}
