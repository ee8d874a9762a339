import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.ts';
import { mountDocs } from './docs.ts';
import { errorToProblem } from './errors-to-problems.ts';
import { problemResponse } from './problem.ts';
import { requestContext } from './request-context.ts';
import { createApiRouter, type ApiRouter } from './router.ts';

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    mode: z.enum(['local', 'aws']),
    time: z.string().openapi({ description: 'The platform clock (NOVAEVO_NOW shifts it).' }),
    adapters: z.record(z.string(), z.string()).openapi({ example: { database: 'pglite', mqtt: 'aedes' } }),
  })
  .openapi('Health');

export type Health = z.infer<typeof HealthSchema>;

export interface HttpAppOptions {
  logger: Logger;
  version: string;
  health: () => Promise<Health>;
  /** The API's public base URL, named in /openapi.json (never taken from the request's Host header). */
  publicUrl: string;
}

/**
 * The HTTP application shared by both runtimes (Node server and Lambda): conventions only —
 * request ids, security headers and access logs (request-context.ts), problem+json errors, /health, /openapi.json and /docs. Bodies are read by
 * the routes that declare one, after their authentication (the route kit's body rules), never here.
 * Modules mount their routers under /v1 on the returned app.
 */
// Up to this size an unread body is drained, so the client reads its answer on a kept-alive
// connection; past it (or of unknown length) the connection is closed rather than drained.
const DRAIN_UNREAD_BODY_BYTES = 64 * 1024;

/**
 * A request answered with an error before its large body was read (an unknown route, a refused
 * token, a body over the limit) gets `Connection: close`: the server then closes the socket
 * instead of draining a slow or endless body to keep the connection alive.
 */
const closeOnUnreadBody: MiddlewareHandler = async (c, next) => {
  await next();
  const req = c.req.raw;
  if (c.res.status === 413) {
    c.header('Connection', 'close');
    return;
  }
  if (c.res.status < 400 || req.body === null || req.bodyUsed) return;
  const length = Number(req.headers.get('content-length') ?? Number.NaN);
  if (!(length <= DRAIN_UNREAD_BODY_BYTES)) c.header('Connection', 'close');
};

export function createHttpApp(options: HttpAppOptions): ApiRouter {
  const app = createApiRouter();
  app.use('*', requestContext(options.logger));
  app.use('*', closeOnUnreadBody);
  app.onError(errorToProblem);
  app.notFound((c) => problemResponse(c, { status: 404, code: 'ROUTE_NOT_FOUND', detail: `No route for ${c.req.method} ${c.req.path}.` }));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['platform'],
      summary: 'Liveness and the adapters in use',
      responses: { 200: { description: 'The platform is up', content: { 'application/json': { schema: HealthSchema } } } },
    }),
    async (c) => c.json(await options.health(), 200),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.doc31('/openapi.json', () => ({
    openapi: '3.1.0',
    info: {
      title: 'NovaEvo API',
      version: options.version,
      description: 'Vehicle owners and automotive professionals. Errors are RFC 9457 application/problem+json with a stable `code`.',
    },
    servers: [{ url: options.publicUrl }],
  }));
  mountDocs(app);
  return app;
}
