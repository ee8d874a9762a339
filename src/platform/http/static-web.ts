import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MiddlewareHandler } from 'hono';

/** Where `npm run build:web` writes the web app. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

// Paths that belong to the API and the platform: never answered with the app, even for a browser.
const NOT_THE_APP = ['/v1', '/docs', '/openapi.json', '/health', '/.well-known', '/r'];

// Scripts only from the app's own files (no inline script, no eval, no other origin). Styles
// allow inline: Mantine sets its theme's CSS variables in a <style> element and React style props.
export const WEB_APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

// Vite names everything under assets/ by its content hash: a new build is a new name.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=300';

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>NovaEvo</title>
<p>The web app is not built yet: run <code>npm run build:web</code> (npm install does it), then reload.</p></html>`;

const isAppPath = (p: string) => !NOT_THE_APP.some((prefix) => p === prefix || p.startsWith(`${prefix}/`));

/** The file under `root` that a URL path names, or undefined (directories, `..`, missing). */
async function fileOf(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]/).includes('..')) return undefined;
  const file = path.join(root, decoded);
  if (!file.startsWith(root)) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? file : undefined;
}

/**
 * Serves the built web app (web/dist) for GET and HEAD requests that no API route answered:
 * its files, with long-lived caching for hashed assets, and index.html — never cached, under a
 * strict Content-Security-Policy — for any other path a browser asks as a page (Accept:
 * text/html), so that client-side routes such as /vehicles/123 load the app. Mount it after
 * every router, with `app.use('*', staticWeb())`: API paths fall through to the 404 problem.
 */
export function staticWeb(options: { root?: string } = {}): MiddlewareHandler {
  const root = path.resolve(options.root ?? WEB_DIST) + path.sep;
  return async (c, next) => {
    // Hono answers HEAD through the GET handlers and drops the body.
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || !isAppPath(c.req.path)) return next();

    const file = c.req.path === '/index.html' ? undefined : await fileOf(root, c.req.path);
    if (file) {
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      const cache = file.startsWith(path.join(root, 'assets') + path.sep) ? IMMUTABLE : SHORT;
      return c.body(new Uint8Array(await readFile(file)), 200, { 'Content-Type': type, 'Cache-Control': cache });
    }
    if (!(c.req.header('accept') ?? '').includes('text/html') && c.req.path !== '/index.html') return next();
    const index = await readFile(path.join(root, 'index.html')).catch(() => undefined);
    const headers = { 'Content-Type': TYPES['.html']!, 'Cache-Control': 'no-store', 'Content-Security-Policy': WEB_APP_CSP };
    if (!index) return c.body(NOT_BUILT, 503, headers);
    return c.body(new Uint8Array(index), 200, headers);
  };
}
