import { createMiddleware } from 'hono/factory';
import type { Logger } from '../logger.ts';
import type { AppEnv } from './app-env.ts';

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Slower than this, a request's access line is a warning whatever the log level. */
const SLOW_REQUEST_MS = 1000;

/**
 * The security headers of every response: hono/secure-headers' defaults as the app used them,
 * without Content-Security-Policy (the docs page and the web app set their own) and without
 * Cross-Origin-Resource-Policy.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
};
const SECURITY_ENTRIES = Object.entries(SECURITY_HEADERS);

/**
 * Gives each request an id (the caller's `X-Request-Id` when it is sane, else a new UUID) and
 * its response the security headers and that id. They are set *before* the handler: the
 * response a handler makes with `c.json()` / `c.body()` is created with them, instead of being
 * copied into a Headers object afterwards (that copy was ~20% of a /health request). A response
 * a handler built itself (`new Response`) gets them after, when they are missing.
 *
 * The access line (path only: query strings may hold signatures) is `debug`, so that the hot
 * path serialises nothing by default; a slow request is a `warn`, a 5xx an `error`.
 */
export function requestContext(logger: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header('X-Request-Id');
    const requestId = incoming && REQUEST_ID_RE.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', requestId);
    c.set('log', logger.child({ requestId }));
    for (const [name, value] of SECURITY_ENTRIES) c.header(name, value);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    if (!c.res.headers.has('X-Request-Id')) {
      for (const [name, value] of SECURITY_ENTRIES) c.header(name, value);
      c.header('X-Request-Id', requestId);
    }
    const ms = performance.now() - started;
    const status = c.res.status;
    const log = c.get('log');
    if (status >= 500) log.error(accessLine(c.req.method, c.req.path, status, ms), 'request failed');
    else if (ms > SLOW_REQUEST_MS) log.warn(accessLine(c.req.method, c.req.path, status, ms), 'slow request');
    else if (log.isLevelEnabled('debug')) log.debug(accessLine(c.req.method, c.req.path, status, ms), 'request');
  });
}

const accessLine = (method: string, path: string, status: number, ms: number) => ({ method, path, status, ms: Math.round(ms * 10) / 10 });
